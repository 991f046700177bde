using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>One file, one writer in the process: other providers are refused at start-up, a closing file is waited for.</summary>
public sealed class LogFileRegistryTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SecondProvider_OnAFileAnotherWrites_FailsAtStartUp_NamingBoth(bool throughASymlinkedFolder)
    {
        var logs = _folder.File("logs");
        Directory.CreateDirectory(logs);
        var other = throughASymlinkedFolder ? _folder.File("link") : logs;
        if (throughASymlinkedFolder)
        {
            Directory.CreateSymbolicLink(other, logs);
        }

        using var first = Provider(Path.Combine(logs, "app.log"), "first");
        var ex = Assert.Throws<ArgumentException>(() => Provider(Path.Combine(other, "app.log"), "second"));

        Assert.Contains($"Sink 'second' writes {Path.Combine(other, "app.log")}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sink 'first' of another LoguStyle provider", ex.Message, StringComparison.Ordinal);

        // The first goes on writing, alone.
        first.CreateLogger("c").LogInformation("still here");
        first.Dispose();
        Assert.Equal("still here\n", File.ReadAllText(Path.Combine(logs, "app.log")));
    }

    [Fact]
    public void OneProvider_TwoSinksOnOneFileThroughASymlinkedFolder_FailsAtStartUp()
    {
        var logs = _folder.File("logs");
        Directory.CreateDirectory(logs);
        Directory.CreateSymbolicLink(_folder.File("link"), logs);
        var options = new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(Path.Combine(logs, "app.log"), "a"), new FileSinkOptions(_folder.File("link/app.log"), "b") } };

        var ex = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System));

        Assert.Contains("Sinks 'a' and 'b' both write", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderDisposedWhileAnotherOpensTheSameFile_TheOtherWaitsForTheClose_NoRecordLostOrOverwritten()
    {
        var path = _folder.File("app.log");
        var first = Provider(path, "first");
        var logger = first.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("first {Index}", i);
        }

        var file = first.CurrentSinks.OfType<LoguStyle.Sinks.FileSink>().Single().File;
        Task? second = null;
        var fired = 0;
        LogFileRegistry.AfterLastRelease = released =>
        {
            // Once, for this test's file: the second provider's own dispose passes here too, as do other tests'.
            if (released != path || Interlocked.Exchange(ref fired, 1) == 1)
            {
                return;
            }

            // Between the provider's last lease and its file's close: a straggler's record reaches the file after the
            // provider's flush, and another provider is built on the same path.
            file.Append("first late\n"u8, new LoguStyle.Diagnostics.SinkStats(), DateTimeOffset.UtcNow);
            second = Task.Run(() =>
            {
                using var provider = Provider(path, "second");
                var secondLogger = provider.CreateLogger("c");
                for (var i = 0; i < 100; i++)
                {
                    secondLogger.LogInformation("second {Index}", i);
                }
            });
            var deadline = DateTime.UtcNow + Deadline;
            while (LogFileRegistry.Waiting == 0 && !second.IsCompleted && DateTime.UtcNow < deadline)
            {
                Thread.Yield();
            }
        };
        try
        {
            await first.DisposeAsync();
            await second!.WaitAsync(Deadline);
        }
        finally
        {
            LogFileRegistry.AfterLastRelease = null;
        }

        Assert.Equal(
            [.. Enumerable.Range(0, 100).Select(i => $"first {i}"), "first late", .. Enumerable.Range(0, 100).Select(i => $"second {i}")],
            File.ReadAllLines(path));
    }

    private static LoguStyleLoggerProvider Provider(string path, string name) =>
        new(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path, name) { Format = "{message}" } } });
}
