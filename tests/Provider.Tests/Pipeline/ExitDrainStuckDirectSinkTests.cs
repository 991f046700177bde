using System.Diagnostics;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// The exit drain while a direct sink is stuck in its output (a real child process, no host): a logging call blocked in a
/// delegate sink must not hold the exit past ExitTimeout, the healthy sinks beside it keep every record logged before, and
/// stderr says a record was left in the stuck sink, as dispose does.
/// </summary>
public sealed class ExitDrainStuckDirectSinkTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The app's ExitTimeout (2 s) and a second for the runtime's own exit on a loaded machine.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("exit")]
    [InlineData("sigterm")]
    public async Task DirectSinkStuckAtExit_TheProcessEndsWithinTheExitTimeout_TheOtherSinksKeepEveryRecord_TheHeldCallIsReported(string how)
    {
        var path = _folder.File("app");
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["stuck-direct", path, how == "exit" ? "exit" : "wait"], _folder.Path);
        await process.WaitForLineAsync(line => line == "stuck", Deadline);
        var clock = Stopwatch.StartNew();
        if (how == "sigterm")
        {
            await process.SignalAsync("TERM");
        }

        var code = await process.WaitForExitAsync(Deadline);
        var took = clock.Elapsed;

        Assert.Equal(how == "exit" ? 3 : 143, code);
        Assert.True(took < ExitBound, $"the exit took {took.TotalSeconds:0.00} s");
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"record {i}"), File.ReadAllLines(path + ".log"));
        Assert.Equal(1_000, File.ReadAllLines(path + ".json").Count(line => line.Contains("\"record ", StringComparison.Ordinal)));
        Assert.Contains("1 logging call(s) were still writing to the sinks", process.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A direct FILE sink whose write never returns holds the file's lock (TestApp stuck-file: the write blocks in the
    /// file's rotation predicate, called under that lock, as a write blocked in a hung NFS server's kernel call is), and
    /// the exit's flush of that sink takes the lock. Run on the exit thread, it blocked before the exit's bound applied:
    /// the process never ended, the healthy file after it was never flushed and the report of the call still writing
    /// never came (review16 #2).
    /// </summary>
    [Theory]
    [InlineData("exit")]
    [InlineData("sigterm")]
    public async Task DirectFileSinkStuckInItsWriteAtExit_TheProcessEndsWithinTheExitTimeout_TheFileAfterItKeepsEveryRecord_TheHeldCallIsReported(string how)
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["stuck-file", _folder.Path, how == "exit" ? "exit" : "wait"], _folder.Path);
        await process.WaitForLineAsync(line => line == "stuck", Deadline);
        var clock = Stopwatch.StartNew();
        if (how == "sigterm")
        {
            await process.SignalAsync("TERM");
        }

        // Well past the bound, so a hang fails here rather than at the test run's own timeout.
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));
        var took = clock.Elapsed;

        Assert.Equal(how == "exit" ? 3 : 143, code);
        Assert.True(took < ExitBound, $"the exit took {took.TotalSeconds:0.00} s");
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"record {i}"), File.ReadAllLines(_folder.File("app.log")));
        Assert.Contains("1 logging call(s) were still writing to the sinks", process.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A call stuck in a direct sink of a generation a reload replaced and is still retiring (the reload waits for it
    /// within its own bound, 5 s, which outlasts the exit's 1 s): the exit counted the calls still inside the current
    /// generation only, so the process ended under that call without a word (issue 15, queue protocol, item 4).
    /// </summary>
    [Fact]
    public async Task ExitWhileAReloadWaitsForACallStuckInADirectSinkOfTheReplacedGeneration_TheHeldCallIsReported()
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-reloading", _folder.Path, "direct"], _folder.Path);
        await process.WaitForLineAsync(line => line == "reloading", Deadline);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(3, code);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"after {i}"), File.ReadAllLines(_folder.File("app.log")));
        Assert.Contains("LoguStyle: the process is exiting; 1 logging call(s) were still writing to the sinks after 1 s", process.StandardError, StringComparison.Ordinal);
    }
}
