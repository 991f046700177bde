using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// <c>Environment.Exit</c> while four threads go on logging into a healthy enqueued sink (a real child process, TestApp
/// exit-logging): the calls made after the exit's drain are refused and counted as the sink's errors, as calls after a
/// dispose are, so that every call is written, dropped or refused when the process ends.
/// </summary>
public sealed partial class ExitDrainLateCallsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Outside re-test 15h: records a healthy queue accepted after the exit's drain had flushed it were neither written
    /// nor counted (1-59 per sink): the drain left the queue open, and the process ended before its writer took them.
    /// Here the writer stops returning once the drain is over (as the process ending under it would), so what the queue
    /// accepts after the drain stays in it.
    /// </summary>
    [Theory]
    [InlineData("DropWrite")]
    [InlineData("DropOldest")]
    public async Task EnvironmentExit_CallsAfterTheDrainIntoAHealthyQueue_AreRefusedAndCounted_NoneLeftUncounted(string mode)
    {
        using var folder = new TempFolder();
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["exit-logging", mode], folder.Path);
        var line = await process.WaitForLineAsync(text => text.StartsWith("joined ", StringComparison.Ordinal), Deadline);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stderr = process.StandardError;
        Assert.True(code == 3, $"exit code {code}: {stderr}");
        var counts = Counts().Match(line);
        Assert.True(counts.Success, line);
        long Number(string group) => long.Parse(counts.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.Equal(4, Number("joined"));
        Assert.True(
            Number("calls") == Number("written") + Number("dropped") + Number("errors"),
            $"{line}: {Number("calls") - Number("written") - Number("dropped") - Number("errors")} call(s) neither written, dropped nor refused; stderr: {stderr}");
        Assert.True(Number("errors") > 0, $"{line}: no call after the drain was refused; stderr: {stderr}");
        Assert.Contains("sink 'healthy' could not write a record: ChannelClosedException: the process is exiting, and its drain closed this queue", stderr, StringComparison.Ordinal);

        // The direct file sink beside it has no queue to refuse with: it writes every call, those after the drain too,
        // and each is in the file once the process has ended (flushed as it is written once the drain began).
        var lines = File.ReadAllLines(folder.File("direct.log"));
        Assert.True(lines.Length == Number("calls"), $"{line}: the direct file has {lines.Length} lines");
    }

    [GeneratedRegex(@"joined (?<joined>\d+) calls (?<calls>\d+) written (?<written>\d+) dropped (?<dropped>\d+) errors (?<errors>\d+)")]
    private static partial Regex Counts();
}
