using System.Diagnostics;
using System.Text.RegularExpressions;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// <c>Environment.Exit</c> while a reload still drains the generation it replaced, whose enqueued sink is stuck (a real
/// child process, TestApp exit-reloading): the reload's bound (5 s) is longer than the exit's (1 s), so only the exit can
/// say what that queue could not write; it gives it up with the exact count, as it does a queue of the current generation.
/// </summary>
public sealed partial class ExitDrainWhileReloadingTests
{
    private const int Runs = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The app's ExitTimeout (1 s) and a second and a half for the runtime's own exit on a loaded machine.
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// Before the fix the exit drain looked at the current generation's queues only: the process ended after 1 s with
    /// nothing on stderr about the 4 records (review16 #3).
    /// </summary>
    [Fact]
    public async Task EnvironmentExit_WhileAReloadDrainsAStuckOldQueue_TheExitGivesItUpWithTheExactCount_TheNewSinksKeepTheirRecords()
    {
        for (var run = 0; run < Runs; run++)
        {
            using var folder = new TempFolder();
            using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-reloading", folder.Path], folder.Path);
            await process.WaitForLineAsync(line => line == "reloading", Deadline);
            var clock = Stopwatch.StartNew();
            var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(15));
            var took = clock.Elapsed;

            Assert.True(code == 3, $"run {run}: exit code {code}: {process.StandardError}");
            Assert.True(took < ExitBound, $"run {run}: the exit took {took.TotalSeconds:0.00} s");
            var lines = StuckLine().Matches(process.StandardError);
            Assert.True(
                lines.Count == 1 && lines[0].Value == "LoguStyle: the process is exiting; sink 'stuck' could not write 4 record(s) within 1 s (3 queued, 1 in the sink's hands).",
                $"run {run}: stderr: {process.StandardError}");
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"after {i}"), File.ReadAllLines(folder.File("app.log")));
        }
    }

    [GeneratedRegex(@"LoguStyle: [^\n]*sink 'stuck'[^\n]*")]
    private static partial Regex StuckLine();
}
