using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>One file, one writer in the process: other providers are refused at start-up, a closing file is waited for.</summary>
public sealed partial class LogFileRegistryTests : IDisposable
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

    /// <summary>
    /// Every way one file can have two names, in one provider (two sinks) and across two providers in the process,
    /// private and shared: each is the conflict that the same path twice is.
    /// </summary>
    [Theory]
    [InlineData("same path", false)]
    [InlineData("symlink to the file", false)]
    [InlineData("symlink to the file, which does not exist yet", false)]
    [InlineData("symlink to its folder", false)]
    [InlineData("hard link", false)]
    [InlineData("dot-dot segments", false)]
    [InlineData("relative and absolute", false)]
    [InlineData("same path", true)]
    [InlineData("symlink to the file", true)]
    [InlineData("symlink to the file, which does not exist yet", true)]
    [InlineData("symlink to its folder", true)]
    [InlineData("hard link", true)]
    [InlineData("dot-dot segments", true)]
    [InlineData("relative and absolute", true)]
    public async Task TwoNamesOfOneFile_AreAConflictAtStartUp_InOneProviderAndAcrossTwo(string spelling, bool shared)
    {
        var logs = _folder.File("logs");
        Directory.CreateDirectory(logs);
        var path = Path.Combine(logs, "app.log");
        var other = await OtherNameAsync(spelling, logs, path);

        var options = new LoguStyleLoggerOptions { Sinks = { Sink(path, "a", shared), Sink(other, "b", shared) } };
        var inOne = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));
        Assert.Contains("Sinks 'a' and 'b' both write", inOne.Message, StringComparison.Ordinal);

        using var first = Provider(path, "first", shared);
        var acrossTwo = Assert.Throws<ArgumentException>(() => Provider(other, "second", shared));
        Assert.Contains("sink 'first' of another LoguStyle provider", acrossTwo.Message, StringComparison.Ordinal);

        first.CreateLogger("c").LogInformation("alone");
        first.Dispose();
        Assert.Equal("alone\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task SecondProvider_OnAHardLinkToAFileTheFirstCreatedAfterItStarted_IsRefused()
    {
        // The first registers its path before the file exists (Delay): the link made once it does is still seen.
        var path = _folder.File("app.log");
        using var first = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path, "first") { Format = "{message}", Delay = true } } });
        Assert.False(File.Exists(path));
        first.CreateLogger("c").LogInformation("created");
        await LinkAsync("ln", path, _folder.File("other.log"));

        var ex = Assert.Throws<ArgumentException>(() => Provider(_folder.File("other.log"), "second"));

        Assert.Contains($"(the same file as {path})", ex.Message, StringComparison.Ordinal);
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
            file.Append("first late\n"u8, isCall: true, DateTimeOffset.UtcNow);
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

    private static LoguStyleLoggerProvider Provider(string path, string name, bool shared = false) =>
        new(new LoguStyleLoggerOptions { Sinks = { Sink(path, name, shared) } });

    private static FileSinkOptions Sink(string path, string name, bool shared) => new(path, name) { Format = "{message}", Shared = shared };

    /// <summary>Another name for <paramref name="path"/>, made the way a user (or an admin's shell) would.</summary>
    private async Task<string> OtherNameAsync(string spelling, string logs, string path)
    {
        switch (spelling)
        {
            case "same path":
                return path;
            case "symlink to the file":
                File.WriteAllText(path, string.Empty);
                File.CreateSymbolicLink(_folder.File("current.log"), path);
                return _folder.File("current.log");
            case "symlink to the file, which does not exist yet":
                // Relative, as `ln -s logs/app.log current.log` makes it.
                File.CreateSymbolicLink(_folder.File("current.log"), Path.Combine("logs", "app.log"));
                return _folder.File("current.log");
            case "symlink to its folder":
                Directory.CreateSymbolicLink(_folder.File("link"), logs);
                return _folder.File("link/app.log");
            case "hard link":
                File.WriteAllText(path, string.Empty);
                await LinkAsync("ln", path, _folder.File("hard.log"));
                return _folder.File("hard.log");
            case "dot-dot segments":
                Directory.CreateDirectory(Path.Combine(logs, "sub"));
                return Path.Combine(logs, "sub", "..", "app.log");
            case "relative and absolute":
                return Path.GetRelativePath(Environment.CurrentDirectory, path);
            default:
                throw new ArgumentOutOfRangeException(nameof(spelling), spelling, null);
        }
    }

    private async Task LinkAsync(string tool, string target, string link)
    {
        var run = await ProcessRun.StartAsync(tool, [target, link], _folder.Path, new Dictionary<string, string?>(), Deadline);
        Assert.True(run.ExitCode == 0, run.StandardError);
    }
}
