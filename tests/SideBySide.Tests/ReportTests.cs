namespace LoguStyle.SideBySide.Tests;

/// <summary>The throughput chart the runner writes beside its table.</summary>
public sealed class ReportTests
{
    [Fact]
    public void Svg_ARunOfDisabledAlone_IsAnEmptyChart_NotACrash()
    {
        var disabled = new Measurement("logustyle-direct", nameof(Scenario.Disabled), 1_000, 1.2, 1.2, 8e8, 0, 0, 0, 40, 0, 0);

        var svg = Report.Svg([disabled]);

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<rect x=", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_EachProviderHasABarScaledToTheFastest()
    {
        var fast = new Measurement("logustyle-direct", nameof(Scenario.Template), 1_000, 500, 1, 2e6, 0, 0, 0, 40, 1_000, 1_000);
        var slow = fast with { Provider = "zlogger-file", RecordsPerSecond = 1e6 };

        var svg = Report.Svg([fast, slow]);

        Assert.Contains("width=\"460.0\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"230.0\"", svg, StringComparison.Ordinal);
    }

    // The paced page shows the calls first after a sleep in a table of their own, and a results file without them (made
    // before they were measured) still gives its page, without that table.
    [Fact]
    public void PacedMarkdown_ShowsTheCallsFirstAfterASleep_OnlyWhenTheResultsHaveThem()
    {
        var row = new LoguStyle.SideBySide.Latency.LatencyMeasurement(
            "logustyle-enqueued", "paced", 200_000, 10, 2_000_000, 200_000, 250, 1_400, 16_000, 900_000, 400, 80, 168, 0, 62, 2_400_000, 2_400_000);
        var measured = row with { AfterSleepCalls = 34_000, AfterSleepP50Ns = 3_800, AfterSleepP90Ns = 7_800, AfterSleepP99Ns = 22_000, SlowestAfterSleepShare = 0.81 };
        Results.RunFile<LoguStyle.SideBySide.Latency.LatencyMeasurement> File(LoguStyle.SideBySide.Latency.LatencyMeasurement r) =>
            new("paced 200000 10", "test", new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc), [r], [r]);

        var withThem = LoguStyle.SideBySide.Latency.LatencyReport.PacedMarkdown(File(measured), "paced.svg");
        var without = LoguStyle.SideBySide.Latency.LatencyReport.PacedMarkdown(File(row), "paced.svg");

        Assert.Contains("| logustyle-enqueued | 34,000 | 1.7 % | 3.8 µs | 7.8 µs | 22 µs | 81 % |", withThem, StringComparison.Ordinal);
        Assert.DoesNotContain("first call of each thread after its sleep", without, StringComparison.Ordinal);
        Assert.Contains("| logustyle-enqueued | 200,000 |", without, StringComparison.Ordinal);
    }
}
