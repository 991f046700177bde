using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Issue 15, an outside tester's defect B: threads that log as fast as they can until <c>Dispose</c> returns, beside one
/// stuck enqueued sink and a 1 s DisposeTimeout. Every call is counted once by every sink, through the public API and
/// the <c>LoguStyle</c> meter: written + dropped + errors = the calls the threads made, in every queue mode and direct.
/// </summary>
[Trait("Category", "Stress")]
public sealed class DisposeUnderLoadTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const int Threads = 4;

    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();
    private readonly StringWriter _errors = new();
    private readonly ManualResetEventSlim _release = new();

    public void Dispose()
    {
        _release.Set();
        _meter.Dispose();
        _release.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("direct")]
    [InlineData("Wait")]
    [InlineData("DropWrite")]
    [InlineData("DropOldest")]
    public async Task Dispose_WhileThreadsLogUntilItReturns_EverySinksWrittenDroppedAndErrorsAddUpToTheCalls(string mode)
    {
        // Before: the calls of the last part of dispose went to no sink at all, uncounted (the tester: 41,000-615,000
        // short, 14 of 14 runs, every mode; exact when the threads stopped before Dispose).
        var enqueue = mode != "direct";
        var fullMode = enqueue ? Enum.Parse<QueueFullMode>(mode) : QueueFullMode.Wait;
        var id = Guid.NewGuid().ToString("N")[..8];
        var console = new MemoryConsole();
        using var entered = new ManualResetEventSlim();
        string[] names = [$"text-{id}", $"json-{id}", $"console-{id}", $"delegate-{id}"];
        var stuck = $"stuck-{id}";
        T Queue<T>(T sink)
            where T : SinkOptions
        {
            sink.Enqueue = enqueue;
            sink.QueueCapacity = 256;
            sink.QueueFullMode = fullMode;
            return sink;
        }

        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                DisposeTimeout = TimeSpan.FromSeconds(1),
                Sinks =
                {
                    Queue(new FileSinkOptions(_folder.File("text.log"), names[0]) { Format = "{message}" }),
                    Queue(new FileSinkOptions(_folder.File("json.log"), names[1]) { Serialize = true }),
                    Queue(console.Sink(names[2], format: "{message}")),
                    Queue(new DelegateSinkOptions(names[3], _ => { })),
                    new DelegateSinkOptions(stuck, _ =>
                    {
                        entered.Set();
                        _release.Wait();
                    })
                    { Enqueue = true, QueueCapacity = 1_000, QueueFullMode = fullMode },
                },
            },
            TimeProvider.System,
            TextWriter.Synchronized(_errors));
        var logger = provider.CreateLogger("load");

        var calls = new long[Threads];
        var done = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref done) == 0)
                {
                    logger.LogInformation("t{T} {I}", t, calls[t]);
                    Volatile.Write(ref calls[t], calls[t] + 1);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        // The stuck sink holds its first record, and its queue is half full or more: dispose will give up on it.
        Assert.True(entered.Wait(Deadline), "the stuck sink never got a record");
        Assert.True(SpinWait.SpinUntil(() => calls.Sum(c => Volatile.Read(ref c)) >= 600, Deadline), "the threads did not log");

        await Task.Run(() => provider.Dispose()).WaitAsync(Deadline);
        Volatile.Write(ref done, 1);
        await Task.WhenAll(threads).WaitAsync(Deadline);
        var total = calls.Sum();

        foreach (var name in names)
        {
            Assert.Equal((name, total), (name, Counted(name)));
        }

        // The stuck sink's record is counted when it returns.
        _release.Set();
        var until = DateTime.UtcNow + Deadline;
        while (Counted(stuck) < total && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        Assert.Equal((stuck, total), (stuck, Counted(stuck)));
        Assert.DoesNotContain("disposed object", _errors.ToString(), StringComparison.Ordinal);
    }

    private long Counted(string sink) =>
        _meter.Read("logustyle.records.written", sink) + _meter.Read("logustyle.records.dropped", sink) + _meter.Read("logustyle.sink.errors", sink);
}
