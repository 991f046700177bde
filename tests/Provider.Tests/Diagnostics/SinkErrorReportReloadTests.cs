using System.Text.RegularExpressions;
using LoguStyle.Diagnostics;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Diagnostics;

/// <summary>
/// A failing sink's stderr line ("could not write a record ... (N record(s) not written so far)") is at most once a minute
/// per sink name, with the name's running count, across reloads: each generation of the sink is a new object, but the
/// line, like the meter's series, belongs to the name (issue 15, outside test: 10 reloads gave 10 lines each saying 1).
/// </summary>
public sealed partial class SinkErrorReportReloadTests
{
    [Fact]
    public void FailingSink_ReloadedTenTimesWithinAMinute_OneLine_ThenTheRunningCountOfEveryGeneration()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var errors = new StringWriter();
        using var provider = new LoguStyleLoggerProvider(Options(), time, TextWriter.Synchronized(errors));
        for (var generation = 0; generation < 10; generation++)
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {I}", i);
            }

            provider.Reconfigure(Options());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["(1 record(s) not written so far)"], Counts(errors.ToString()));

        time.Advance(TimeSpan.FromMinutes(1));
        provider.CreateLogger("c").LogInformation("one more");

        Assert.Equal(["(1 record(s) not written so far)", "(1001 record(s) not written so far)"], Counts(errors.ToString()));
    }

    [Fact]
    public void Warnings_OfTheSameKind_FromTwoGenerationsOfASink_OneLineAMinute()
    {
        var time = new FakeTimeProvider();
        var errors = new StringWriter();
        var owner = new object();
        var first = new SinkErrorReporter("s", time, errors, SinkReportHistory.For(owner, "s"));
        var second = new SinkErrorReporter("s", time, errors, SinkReportHistory.For(owner, "s"));
        var otherProvider = new SinkErrorReporter("s", time, errors, SinkReportHistory.For(new object(), "s"));

        first.Warn("rotate", "could not rotate");
        second.Warn("rotate", "could not rotate");
        otherProvider.Warn("rotate", "could not rotate");
        time.Advance(TimeSpan.FromMinutes(1));
        second.Warn("rotate", "could not rotate");

        Assert.Equal(3, Regex.Count(errors.ToString(), "could not rotate"));
    }

    /// <summary>
    /// Outside re-test 15d, defect 4: a file sink whose folder is blocked by a file said "could not be opened" at start-up
    /// and again each time a reload added it back (3-4 lines in 10 s), without the sink's name. The line is the sink's,
    /// named, once a minute per name across reloads.
    /// </summary>
    [Fact]
    public void FileThatCannotBeOpened_ReaddedByReloadsWithinAMinute_OneLineNamingTheSink_ThenOneTheNextMinute()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("blocked"), "a file where the folder should be");
        var path = Path.Combine(folder.File("blocked"), "app.log");
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var errors = new StringWriter();
        LoguStyleLoggerOptions WithTheFile() => new() { Sinks = { new FileSinkOptions(path, "badfile") } };
        using var provider = new LoguStyleLoggerProvider(WithTheFile(), time, TextWriter.Synchronized(errors));
        for (var edit = 0; edit < 5; edit++)
        {
            provider.Reconfigure(new LoguStyleLoggerOptions());
            time.Advance(TimeSpan.FromSeconds(1));
            provider.Reconfigure(WithTheFile());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var line = Assert.Single(OpenLines(errors.ToString()));
        Assert.StartsWith($"LoguStyle: sink 'badfile': {path} could not be opened (", line, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(1));
        provider.Reconfigure(new LoguStyleLoggerOptions());
        provider.Reconfigure(WithTheFile());
        Assert.Equal(2, OpenLines(errors.ToString()).Length);
    }

    private static string[] OpenLines(string stderr) =>
        [.. stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains("could not be opened", StringComparison.Ordinal))];

    private static LoguStyleLoggerOptions Options() => new()
    {
        Sinks = { new DelegateSinkOptions("bad", _ => throw new InvalidOperationException("always")) },
    };

    private static string[] Counts(string stderr) =>
        [.. NotWrittenLine().Matches(stderr).Select(match => match.Groups[1].Value)];

    [GeneratedRegex(@"sink 'bad' could not write a record: InvalidOperationException: always (\(\d+ record\(s\) not written so far\))")]
    private static partial Regex NotWrittenLine();
}
