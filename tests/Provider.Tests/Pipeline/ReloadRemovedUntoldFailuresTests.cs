using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// Outside test (session 42): a reload that removed a failing sink left the records it failed after its last "could not
/// write" line on no stderr line: the closing line that tells them comes at the provider's dispose or the exit, for the
/// sinks in use then, and the removed one was not (a direct file on a full disk: the meter 927 not written, stderr 1).
/// The reload tells them when it has closed the removed sinks, for each kind; a sink the reload keeps goes on counting
/// under its name, to be told at its own end.
/// </summary>
public sealed class ReloadRemovedUntoldFailuresTests : IDisposable
{
    private const int Logged = 50;

    private readonly SinkMeter _meter = new();
    private readonly TempFolder _folder = new();
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reload_RemovesFailingSinksOfEachKind_ItsStderrLinesAddUpToTheMeter()
    {
        // The files on a small tmpfs filled by another file: a real full disk.
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        disk.Fill();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var removed = new[] { $"delegate-{_id}", $"queued-{_id}", $"file-{_id}", $"queued-file-{_id}" };
        LoguStyleLoggerOptions Options(bool withTheFailingSinks)
        {
            var options = new LoguStyleLoggerOptions();
            options.Sinks.Add(new DelegateSinkOptions($"kept-{_id}", _ => { }));
            if (withTheFailingSinks)
            {
                options.Sinks.Add(new DelegateSinkOptions(removed[0], _ => throw new InvalidOperationException("the sink cannot write")));
                options.Sinks.Add(new DelegateSinkOptions(removed[1], _ => throw new InvalidOperationException("the sink cannot write")) { Enqueue = true });
                options.Sinks.Add(new FileSinkOptions(disk.File("direct.log"), removed[2]) { Format = "{message}" });
                options.Sinks.Add(new FileSinkOptions(disk.File("queued.log"), removed[3]) { Format = "{message}", Enqueue = true });
            }

            return options;
        }

        // The clock never moves: every failure after a sink's first is within its first line's minute.
        var provider = new LoguStyleLoggerProvider(Options(withTheFailingSinks: true), new FakeTimeProvider(DateTimeOffset.UnixEpoch), errors);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < Logged; i++)
        {
            logger.LogInformation("record {I} {Padding}", i, new string('.', 2000));
        }

        await provider.FlushAsync();
        provider.Reconfigure(Options(withTheFailingSinks: false));

        foreach (var name in removed)
        {
            var failed = _meter.Read("logustyle.sink.errors", name);
            Assert.True(failed > 0, $"{name} failed nothing:\n{Text(output, errors)}");
            Assert.True(
                Told(name, Text(output, errors)) == failed,
                $"{name}: the meter counts {failed} not written, its stderr lines {Told(name, Text(output, errors))}:\n{Text(output, errors)}");
        }

        // Its end tells nothing twice.
        await provider.DisposeAsync();
        Assert.All(removed, name => Assert.Equal(_meter.Read("logustyle.sink.errors", name), Told(name, Text(output, errors))));
    }

    // The count a reader adds up from the sink's own lines: the last running count of records not written.
    private static long Told(string name, string text) =>
        StderrLossLines.NotWritten(string.Join('\n', text.Split('\n').Where(line => line.Contains($"sink '{name}'", StringComparison.Ordinal))));

    private static string Text(StringWriter output, TextWriter errors)
    {
        lock (errors)
        {
            return output.ToString();
        }
    }
}
