using System.Collections.Concurrent;
using System.Text;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Per-thread order across reloads for every sink kind at once (issue 15, an outside tester's reproduction 1): console
/// and enqueued delegate sinks showed hundreds of inversions across 60 reloads, file sinks none, because only a file was
/// handed from the old queue to the new writer in order.
/// </summary>
[Trait("Category", "Stress")]
public sealed class ReloadOrderTests : IDisposable
{
    private const int Threads = 8;
    private const int Reloads = 60;

    // Records each thread logs between two reloads.
    private const int RecordsPerGeneration = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();
    private readonly MemoryStream _console = new();
    private readonly Stream _consoleOut;
    private readonly ConcurrentQueue<string> _delegate = new();
    private readonly ConcurrentQueue<string> _text = new();
    private readonly ConcurrentQueue<string> _async = new();

    public ReloadOrderTests() => _consoleOut = Stream.Synchronized(_console);

    public void Dispose()
    {
        _consoleOut.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reconfigure60Times_EightThreads_EverySinkKindKeepsEachThreadsOrderExactlyOnce()
    {
        var path = _folder.File("order.log");
        var provider = new LoguStyleLoggerProvider(Options(0, path), TimeProvider.System, TextWriter.Null);
        await using var producers = new NumberedProducers(provider.CreateLogger("order"), Threads);
        for (var reload = 1; reload <= Reloads; reload++)
        {
            producers.WaitForEach(RecordsPerGeneration, Deadline);
            provider.Reconfigure(Options(reload, path));
        }

        var logged = await producers.StopAsync(Deadline);
        await provider.DisposeAsync();

        var console = Encoding.UTF8.GetString(_console.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] faults =
        [
            Check("console", console, logged),
            Check("delegate", _delegate, logged),
            Check("text", _text, logged),
            Check("async", _async, logged),
            Check("file", File.ReadLines(path), logged),
        ];
        Assert.Equal(["console: ok", "delegate: ok", "text: ok", "async: ok", "file: ok"], faults);
    }

    // A thread that logs through many categories: a reload moved the categories' loggers to the new sinks one by one
    // while the old sinks still took calls, so a thread's record could enter the new queue and its next one (another
    // category, not moved yet) the old queue, which is written first (an outside test: 7 of 8 runs with 64 categories).
    [Fact]
    public async Task Reconfigure60Times_ThreadsLoggingThroughManyCategories_EachThreadsOrderHolds()
    {
        var path = _folder.File("order.log");
        LoguStyleLoggerOptions Options(int generation) => new()
        {
            Sinks =
            {
                new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = generation % 2 == 0 ? 500 : 600 },
                new DelegateSinkOptions("delegate", record => _delegate.Enqueue(record.Message)) { Enqueue = true },
            },
        };
        var provider = new LoguStyleLoggerProvider(Options(0), TimeProvider.System, TextWriter.Null);
        var loggers = Enumerable.Range(0, 256).Select(c => provider.CreateLogger($"category.{c}")).ToArray();
        await using var producers = new NumberedProducers(loggers, 4);
        for (var reload = 1; reload <= Reloads; reload++)
        {
            producers.WaitForEach(RecordsPerGeneration, Deadline);
            provider.Reconfigure(Options(reload));
        }

        var logged = await producers.StopAsync(Deadline);
        await provider.DisposeAsync();

        Assert.Equal(["file: ok", "delegate: ok"], [Check("file", File.ReadLines(path), logged, 4), Check("delegate", _delegate, logged, 4)]);
    }

    /// <summary>
    /// Every sink kind; Enqueue toggles every second generation and the queue's capacity changes every generation
    /// (the async delegate is always enqueued).
    /// </summary>
    private LoguStyleLoggerOptions Options(int generation, string path)
    {
        var enqueue = generation % 4 < 2;
        var capacity = generation % 2 == 0 ? 50 : 60;
        var text = DelegateSinkOptions.ForText("text", line => _text.Enqueue(line));
        text.Format = "{message}";
        text.Enqueue = enqueue;
        text.QueueCapacity = capacity;
        return new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new ConsoleSinkOptions("console")
                {
                    Format = "{message}", Colorize = ColorMode.Never, OutputOverride = _consoleOut,
                    Enqueue = enqueue, QueueCapacity = capacity,
                },
                new DelegateSinkOptions("delegate", record => _delegate.Enqueue(record.Message)) { Enqueue = enqueue, QueueCapacity = capacity },
                text,
                new DelegateSinkOptions("async", (record, _) =>
                {
                    _async.Enqueue(record.Message);
                    return ValueTask.CompletedTask;
                })
                { QueueCapacity = capacity },
                new FileSinkOptions(path) { Format = "{message}", Enqueue = enqueue, QueueCapacity = capacity },
            },
        };
    }

    /// <summary>"sink: ok", or the inversions, duplicates or gaps, and threads short of one sink's lines "thread index".</summary>
    private static string Check(string sink, IEnumerable<string> lines, int[] logged, int threads = Threads)
    {
        var (inversions, gaps, next) = ThreadOrder.Check(lines, threads);
        var missing = Enumerable.Range(0, threads).Count(t => next[t] != logged[t]);
        return inversions + gaps + missing == 0 ? $"{sink}: ok" : $"{sink}: {inversions} inversions, {gaps} duplicates or gaps, {missing} threads short";
    }
}
