using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The console sink on a real process's real stdout: a pipe whose reader goes away (<c>app | head -c 20</c>) and a
/// stdout closed before the process starts (<c>app &gt;&amp;-</c>). .NET's own console stream pretends a write to a
/// broken pipe succeeded; the sink must count and report every record it loses.
/// </summary>
public sealed partial class ConsoleSinkProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StdoutPipeClosedByItsReader_EveryLostRecordIsCountedAndReported()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _folder.File("pipe.log");
        var info = ChildProcessInfo.Create("dotnet", [RepositoryPaths.FaultApp, "closed-stdout", path, "wait"], _folder.Path);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();

        // The first record arrives; then the reader goes away, as `head -c 20` does, and the app logs the other 999.
        Assert.StartsWith("record 0 ", await process.StandardOutput.ReadLineAsync(), StringComparison.Ordinal);
        process.StandardOutput.Dispose();
        await process.StandardInput.WriteLineAsync("go");
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(timeout.Token);
        var errors = await stderr;

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {errors}");
        Assert.Equal(1_000, File.ReadAllLines(path).Length);
        Assert.Equal((1, 999), Counts(errors));
        Assert.Matches("sink 'console' could not write a record: IOException: stdout is closed: the reader of its pipe has gone", errors);
    }

    [Fact]
    public async Task StdoutClosedAtStart_EveryRecordIsCountedAndReportedAsAClosedStdout()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _folder.File("closed.log");

        // The shell closes the program's stdout (>&-) before it starts.
        var run = await ProcessRun.StartAsync("sh", ["-c", "exec dotnet \"$0\" closed-stdout \"$1\" >&-", RepositoryPaths.FaultApp, path], _folder.Path, new Dictionary<string, string?>(), Deadline);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Equal((0, 1_000), Counts(run.StandardError));
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"record {i} {new string('.', 100)}"), File.ReadAllLines(path));
        Assert.Matches("sink 'console' could not write a record: IOException: stdout is closed", run.StandardError);
        Assert.DoesNotContain("UnauthorizedAccessException", run.StandardError, StringComparison.Ordinal);
        Assert.Single(run.StandardError.Split('\n'), line => line.Contains("sink 'console' could not write a record", StringComparison.Ordinal));

        // The dispose's closing line: the records that failed within the minute after that line, told once.
        Assert.Single(run.StandardError.Split('\n'), line => line.StartsWith("LoguStyle: sink 'console' could not write 999 more record(s) after its last line (1000 not written in all; the last: IOException: stdout is closed", StringComparison.Ordinal));
    }

    /// <summary>The console sink's meter counts the fault app printed at exit.</summary>
    private static (long Written, long Failed) Counts(string stderr)
    {
        var match = CountsLine().Match(stderr);
        Assert.True(match.Success, $"no counts in: {stderr}");
        return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"console written=(\d+) failed=(\d+)")]
    private static partial Regex CountsLine();
}
