using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// <c>Environment.Exit</c> while four threads wait for room in a stuck enqueued <c>Wait</c>-mode sink (a real child
/// process, TestApp exit-waiting): the exit gives the queue up, and the callers that were waiting for room drop their
/// records as they leave. They are counted as dropped and told in the drop line, not refused as the sink's errors; the
/// give-up line and the drop line together name every call the sink did not write.
/// </summary>
public sealed partial class ExitDrainWaitingCallersTests
{
    private const int Runs = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Outside re-test 15f, D2: in 12 of 12 exits the waiting callers' records were refused (a
    /// <c>ChannelClosedException … drain gave up</c> line, counted as the sink's errors) where reliability.md says they drop.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public async Task EnvironmentExit_CallersWaitingForRoomInAStuckQueue_AreDroppedAndCountedInTheDropLine_NotRefused(int capacity)
    {
        for (var run = 0; run < Runs; run++)
        {
            using var folder = new TempFolder();
            using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-waiting", capacity.ToString(CultureInfo.InvariantCulture)], folder.Path);
            var logged = long.Parse((await process.WaitForLineAsync(line => line.StartsWith("logged ", StringComparison.Ordinal), Deadline))["logged ".Length..], CultureInfo.InvariantCulture);
            var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));
            var stderr = process.StandardError;
            Assert.True(code == 3, $"run {run}: exit code {code}: {stderr}");
            var verdict = Check(stderr, logged, capacity);
            Assert.True(verdict == "ok", $"run {run}: {verdict}; logged {logged}; stderr: {stderr}");
        }
    }

    // The stuck sink wrote none of the calls: the give-up's count (queued and in the sink's hands) and the drops it did not
    // count itself (the drop line's total less those still queued) add up to every call begun.
    private static string Check(string stderr, long logged, int capacity)
    {
        if (stderr.Contains("ChannelClosedException", StringComparison.Ordinal))
        {
            return "a waiting caller's record was refused as the sink's error";
        }

        var giveUp = GiveUpLine().Matches(stderr);
        var drops = DropLine().Matches(stderr);
        if (giveUp.Count != 1 || drops.Count != 1)
        {
            return $"{giveUp.Count} give-up line(s), {drops.Count} closing drop line(s)";
        }

        long Number(Match match, string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (total, queued, writing) = (Number(giveUp[0], "total"), Number(giveUp[0], "queued"), Number(giveUp[0], "writing"));
        var (all, givenUp) = (Number(drops[0], "all"), Number(drops[0], "givenUp"));
        if (writing != 1 || total != queued + writing || givenUp != queued || queued < capacity)
        {
            return $"wrong give-up counts: {giveUp[0].Value} / {drops[0].Value}";
        }

        return total + (all - givenUp) == logged ? "ok" : $"give-up {total} + waiting dropped {all - givenUp} != logged {logged}";
    }

    [GeneratedRegex(@"LoguStyle: the process is exiting; sink 'stuck' could not write (?<total>\d+) record\(s\) within 1 s \((?<queued>\d+) queued, (?<writing>\d+) in the sink's hands\)\.")]
    private static partial Regex GiveUpLine();

    [GeneratedRegex(@"LoguStyle dropped \d+ records from sink 'stuck' [^\n]*; (?<all>\d+) dropped in all(?:, (?<givenUp>\d+) of them still queued when the queue gave up)?")]
    private static partial Regex DropLine();
}
