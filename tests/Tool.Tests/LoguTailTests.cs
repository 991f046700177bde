using LoguStyle.Tool.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Tests;

/// <summary><c>logu tail</c> as a real process, on a file a real sink is writing while logu reads it.</summary>
public sealed class LoguTailTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Tail_WithoutFollow_PrintsTheLastKeptRecordsOfTheActiveFile()
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 30, SinkFiles.Mixed);

        var run = await Logu.RunAsync(_folder.Path, "tail", "-n", "3", "app.json", "--level", "Warning", "--format", "{message}");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(["Payment 20 failed for Alice é✓", "Order 23 slow for Bob", "Payment 27 failed for Bob é✓"], LoguViewTests.Lines(run.StandardOutput));
    }

    [Fact]
    public async Task TailFollow_WhileASinkWritesAndRotates_PrintsEveryNewRecordOnce_AndStopsOnSigterm()
    {
        var path = _folder.File("app.json");
        var time = SinkFiles.Clock();
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, AutoFlush = true, Rotation = "2 KB", Compression = "gz" } } },
            time);
        var logger = provider.CreateLogger("Shop.Orders");
        for (var i = 0; i < 5; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        using var tail = Logu.Start(_folder.Path, "tail", "-f", "-n", "2", "app.json", "--format", "{message}", "--grep", "^record");
        await tail.WaitForLineAsync(line => line == "record 4", Deadline);

        // Written while logu reads: the file rotates every ~10 records, gets compressed, and starts again at the path.
        // logu has printed each fifth record before the next five are written, so it sees every rotation (a file that
        // rotates twice between two of its looks, 100 ms apart, is a documented limit of tail -f).
        for (var i = 5; i < 60; i++)
        {
            logger.LogInformation("record {Index}", i);
            if (i % 5 == 0)
            {
                await tail.WaitForLineAsync(line => line == $"record {i}", Deadline);
            }
        }

        await tail.WaitForLineAsync(line => line == "record 59", Deadline);
        Assert.True(Directory.GetFiles(_folder.Path, "app.*.json*").Length >= 5, string.Join(", ", Directory.GetFiles(_folder.Path)));
        await tail.SignalAsync("TERM");

        Assert.Equal(0, await tail.WaitForExitAsync(Deadline));
        Assert.Equal(Enumerable.Range(3, 57).Select(i => $"record {i}"), tail.Lines);
        Assert.Equal(string.Empty, tail.StandardError);
    }

    [Fact]
    public async Task TailFollow_IntoHeadOne_StopsQuietlyWithExitCodeZero_AtTheNextRecord()
    {
        // .NET's console stream swallows EPIPE, so a follow that only writes when records arrive never learnt that head
        // had gone: logu must write to stdout's descriptor and stop at the first write after the reader left.
        var path = _folder.File("app.json");
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, AutoFlush = true } } },
            SinkFiles.Clock());
        var logger = provider.CreateLogger("Shop.Orders");
        logger.LogInformation("before {Index}", 0);

        var run = Logu.ShellAsync(_folder.Path, "{logu} tail -f -n 0 app.json --format '{message}' | head -1; echo \"logu exited ${PIPESTATUS[0]}\" >&2");
        var written = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; !run.IsCompleted; i++)
        {
            Assert.True(written.Elapsed < Deadline, "logu tail -f went on after head had exited");
            logger.LogInformation("record {Index}", i);
            await Task.WhenAny(run, Task.Delay(50));
        }

        var result = await run;
        Assert.Equal(0, result.ExitCode);
        Assert.Single(LoguViewTests.Lines(result.StandardOutput));
        Assert.StartsWith("record ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("logu exited 0", result.StandardError.Trim());
    }

    [Fact]
    public async Task TailFollow_FileTruncatedAndWrittenAgain_ReadsItFromTheStart()
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 20, (logger, i) => logger.LogInformation("first {Index}", i));

        using var tail = Logu.Start(_folder.Path, "tail", "-f", "app.json", "--format", "{message}");
        await tail.WaitForLineAsync(line => line == "first 19", Deadline);

        // The sink opens the file with Mode: Truncate (a restart that starts the file afresh) and writes less than was there.
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true, Mode = FileOpenMode.Truncate }], 2, (logger, i) => logger.LogInformation("second {Index}", i));
        await tail.WaitForLineAsync(line => line == "second 1", Deadline);
        await tail.SignalAsync("INT");

        Assert.Equal(0, await tail.WaitForExitAsync(Deadline));
        Assert.Equal([.. Enumerable.Range(10, 10).Select(i => $"first {i}"), "second 0", "second 1"], tail.Lines);
    }

    [Fact]
    public async Task TailFollow_TimeNamedPath_MovesOnToEachNewName()
    {
        // A {time} path: every minute the sink starts a file of a new name beside the old one.
        const string path = "app_{time:yyyy-MM-dd_HH-mm}.json";
        var time = SinkFiles.Clock();
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(_folder.File(path)) { Serialize = true, AutoFlush = true, Rotation = "1 minute" } } },
            time);
        var logger = provider.CreateLogger("Shop.Orders");
        logger.LogInformation("record {Index}", 0);

        using var tail = Logu.Start(_folder.Path, "tail", "-f", path, "--format", "{time:HH:mm:ss} {message}");
        await tail.WaitForLineAsync(line => line == "09:00:00 record 0", Deadline);
        for (var i = 1; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            logger.LogInformation("record {Index}", i);
            await tail.WaitForLineAsync(line => line.EndsWith($" record {i}", StringComparison.Ordinal), Deadline);
        }

        Assert.True(Directory.GetFiles(_folder.Path, "app_*.json").Length >= 4, string.Join(", ", Directory.GetFiles(_folder.Path)));
        await tail.SignalAsync("TERM");

        Assert.Equal(0, await tail.WaitForExitAsync(Deadline));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{SinkFiles.Start.AddSeconds(20 * i):HH:mm:ss} record {i}"), tail.Lines);
    }

    [Fact]
    public async Task Tail_PathWithNoFiles_ExitsTwo()
    {
        var run = await Logu.RunAsync(_folder.Path, "tail", "-f", "missing.json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("logu: no log files at 'missing.json'", run.StandardError, StringComparison.Ordinal);
    }
}
