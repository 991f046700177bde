namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/configuration.md, "After the host" and "Crashes": after <c>await host.RunAsync()</c> returned (the host
/// disposed), records through the bootstrap logger, then a throw caught by Program.cs's <c>catch</c>, or one out of
/// <c>Main</c>. A real process under <c>strace</c>, which shows every open of the file over the process's life.
/// </summary>
public sealed partial class BootstrapProcessTests
{
    public static TheoryData<string, string> AfterHostCrashes => new()
    {
        { "after-run", "plain" }, { "after-run", "enqueue" }, { "after-run", "shared" },
        { "after-run-unhandled", "plain" }, { "after-run-unhandled", "enqueue" }, { "after-run-unhandled", "shared" },
    };

    [Theory]
    [MemberData(nameof(AfterHostCrashes))]
    public async Task Crash_AfterTheHostIsDisposed_EveryRecordOnceInTheFile_OpenedOnce(string mode, string file)
    {
        WriteSettings(file);
        var trace = _folder.File("strace.txt");

        var run = await ProcessRun.StartAsync(
            "strace",
            ["-f", "-qq", "-e", "trace=openat", "-o", trace, "dotnet", RepositoryPaths.BootstrapApp, mode],
            _folder.Path,
            Environment().ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            Deadline);

        Assert.True(run.ExitCode != 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        Assert.Equal(
            ["bootstrap 1", "bootstrap 2", "bootstrap 3", "host 1", "host 2", "host 3", "after 1", "after 2", "after 3"],
            records.Take(9).Select(r => r.Message));
        var crash = Assert.Single(records.Skip(9));
        Assert.Equal("CRITICAL", crash.Level);
        Assert.Equal("System.InvalidOperationException", crash.ExceptionType);
        Assert.Equal(mode == "after-run" ? "thrown after the host" : "thrown out of Main after the host", crash.ExceptionMessage);
        // One open to write, over the whole process: the bootstrap logger's, kept by the host and by the exit drain. (The
        // file's creation is an openat of its own, O_EXCL, closed at once: LogFileStreams.CreateIfMissing.)
        var opens = File.ReadAllLines(trace).Where(line => line.Contains($"\"{_folder.File("app.log")}\"", StringComparison.Ordinal)
            || line.Contains("\"app.log\"", StringComparison.Ordinal)).ToList();
        var writes = opens.Where(line => !line.Contains("O_EXCL", StringComparison.Ordinal)).ToList();
        Assert.True(writes.Count == 1 && opens.Count <= 2, $"app.log opened {writes.Count} times to write:\n{string.Join('\n', opens)}");
    }
}
