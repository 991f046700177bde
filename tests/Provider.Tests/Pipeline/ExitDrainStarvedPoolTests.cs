using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// <c>Environment.Exit</c> while the thread pool is starved (a real child process, TestApp exit-starved: the pool capped at
/// one thread a core, each held for good), beside a stuck enqueued sink and a healthy enqueued file. A starved pool is when
/// exits hang: the exit drain ends its queues on threads of its own, so no end waits for a pool thread to start it.
/// </summary>
public sealed class ExitDrainStarvedPoolTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The app's ExitTimeout (1 s), the ends' own bound past it (WaitersLeave and a margin) and a second for the runtime's
    // own exit on a loaded machine.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(3);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EnvironmentExit_ThePoolStarved_EndsWithinTheBound_TheHealthyFileKeepsEveryRecord_TheStuckQueueIsGivenUpAndCounted()
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-starved", _folder.Path], _folder.Path);
        await process.WaitForLineAsync(line => line == "starved", Deadline);
        var clock = Stopwatch.StartNew();
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));
        var took = clock.Elapsed;

        var stderr = process.StandardError;
        Assert.True(code == 3, $"exit code {code}: {stderr}");
        Assert.True(took < ExitBound, $"the exit took {took.TotalSeconds:0.00} s");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"record {i}"), File.ReadAllLines(_folder.File("app.log")));

        // How many of the 100 were dropped at the full queue and how many were queued depends on when the writer took the
        // first record. The give-up counts what the queue held; the drops in all are every record but the one the sink
        // still holds, the queued ones among them.
        var givenUp = Regex.Match(stderr, @"LoguStyle: the process is exiting; sink 'stuck' could not write ([0-9]+) record\(s\) within 1 s \(([0-9]+) queued, 1 in the sink's hands\)\.");
        Assert.True(givenUp.Success, stderr);
        var queued = int.Parse(givenUp.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Equal(queued + 1, int.Parse(givenUp.Groups[1].Value, CultureInfo.InvariantCulture));
        var inAll = Regex.Match(stderr, "; ([0-9]+) dropped in all, ([0-9]+) of them still queued when the queue gave up");
        Assert.True(inAll.Success, stderr);
        Assert.Equal(99, int.Parse(inAll.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(queued, int.Parse(inAll.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
