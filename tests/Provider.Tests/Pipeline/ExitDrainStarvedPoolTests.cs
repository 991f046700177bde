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
        var stderr = await ExitStarvedAsync();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"record {i}"), File.ReadAllLines(_folder.File("app.log")));

        // How many of the 100 were dropped at the full queue and how many were queued depends on when the writer took the
        // first record.
        AssertEveryRecordCounted(stderr, 100);
    }

    /// <summary>
    /// The stuck queue in Wait mode, a caller thread waiting for room in it: the give-up lets it go and then waits for it
    /// to leave, and cancels the writer, without a pool thread: a give-up that awaited the caller on the pool would never
    /// count, and the exit would say nothing of the records the queue held.
    /// </summary>
    [Fact]
    public async Task EnvironmentExit_ThePoolStarved_ACallerWaitingForRoom_TheStuckWaitQueueIsGivenUpAndCountsEveryRecord()
    {
        var stderr = await ExitStarvedAsync("wait");

        // Record 5 reaches the healthy file only if its caller passes the stuck sink before the file's queue is closed.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"record {i}"), File.ReadAllLines(_folder.File("app.log")).Take(5));

        // Six records: one in the sink's hands, four queued, and the waiting caller's, which is dropped as it leaves, or
        // counted among the queued if the give-up counted before it left.
        AssertEveryRecordCounted(stderr, 6);
    }

    /// <summary>
    /// Every queue drains (a file's, a slow delegate sink's that still holds records when the exit comes, and a Syslog
    /// sink's over two TCP connections: a queue in front of a queue per connection), ExitTimeout 10 s: the exit sees each
    /// flush done and each writer ended on the tasks themselves, not in continuations, which wait for a pool thread that
    /// never comes, and the drain would wait its whole timeout for queues that had drained.
    /// </summary>
    [Fact]
    public async Task EnvironmentExit_ThePoolStarved_EveryQueueDrains_TheExitDoesNotWaitItsTimeout()
    {
        // Within the bound (3 s), not the app's ExitTimeout (10 s).
        var stderr = await ExitStarvedAsync("healthy");
        var every = Enumerable.Range(0, 2_100).Select(i => $"record {i}").ToArray();
        Assert.Equal(every, File.ReadAllLines(_folder.File("app.log")));
        Assert.Equal(every, File.ReadAllLines(_folder.File("slow.log")));

        // No give-up, no drop: the Syslog sink's connections sent every record.
        Assert.Equal(string.Empty, stderr);
    }

    /// <summary>
    /// The stuck queue's give-up line, and the drop lines, which count both the drops at the full queue and the records the
    /// give-up found queued (their last line: "N dropped in all, Q of them still queued when the queue gave up"): with the
    /// record in the sink's hands, every record logged.
    /// </summary>
    private static void AssertEveryRecordCounted(string stderr, int logged)
    {
        var givenUp = Regex.Match(stderr, @"LoguStyle: the process is exiting; sink 'stuck' could not write ([0-9]+) record\(s\) within 1 s \(([0-9]+) queued, 1 in the sink's hands\)\.");
        Assert.True(givenUp.Success, stderr);
        var dropped = Regex.Matches(stderr, "LoguStyle dropped ([0-9]+) records from sink 'stuck'").Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var notWritten = int.Parse(givenUp.Groups[1].Value, CultureInfo.InvariantCulture);
        var queued = int.Parse(givenUp.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Equal(notWritten - 1, queued);
        Assert.Contains($"{queued} of them still queued when the queue gave up", stderr, StringComparison.Ordinal);
        Assert.Equal(logged, dropped + 1);
    }

    /// <summary>Runs TestApp exit-starved with <paramref name="more"/>: it exits with code 3 within the bound; its stderr.</summary>
    private async Task<string> ExitStarvedAsync(params string[] more)
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-starved", _folder.Path, .. more], _folder.Path);
        await process.WaitForLineAsync(line => line == "starved", Deadline);
        var clock = Stopwatch.StartNew();
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));
        var took = clock.Elapsed;

        var stderr = process.StandardError;
        Assert.True(code == 3, $"exit code {code}: {stderr}");
        Assert.True(took < ExitBound, $"the exit took {took.TotalSeconds:0.00} s");
        return stderr;
    }
}
