using LoguStyle.SideBySide.Latency;

namespace LoguStyle.SideBySide.Tests;

/// <summary>Issue 17's latency target judged at the histogram's resolution: met, missed, or undecided when the buckets overlap it.</summary>
public sealed class LatencyTargetTests
{
    [Theory]
    [InlineData(16_127, 15_872)]
    [InlineData(16_000, 15_872)]
    [InlineData(15_872, 15_872)]
    [InlineData(32_255, 31_744)]
    [InlineData(63, 63)]
    [InlineData(64, 64)]
    [InlineData(0, 0)]
    public void LowerEdgeOf_IsTheSmallestValueOfTheBucketHoldingTheValue(long ns, long lower)
    {
        Assert.Equal(lower, LatencyHistogram.LowerEdgeOf(ns));

        var histogram = new LatencyHistogram();
        histogram.RecordNs(ns);
        histogram.RecordNs(1_000_000_000);
        Assert.Equal(lower, LatencyHistogram.LowerEdgeOf(histogram.PercentileNs(0.5)));
    }

    [Fact]
    public void Judge_ThePercentileExactlyHalfOfZLoggersBucketEdge_IsUndecided()
    {
        // Run 2 at 200,000/s of the runs at d748373: 16,127 ns against ZLogger's 32,255 ns.
        var judged = LatencyTarget.Judge(Rate(own: 16_127, zlogger: 32_255, nlog: 43_007))!.Value;

        Assert.Equal(TargetVerdict.Undecided, judged.Verdict);
        Assert.Equal(16_127.5, judged.TargetNs);
        Assert.Contains("**undecided**", judged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ABucketWhollyUnderHalfOfBothPeers_IsMet()
    {
        Assert.Equal(TargetVerdict.Met, LatencyTarget.Judge(Rate(own: 12_031, zlogger: 32_255, nlog: 43_007))!.Value.Verdict);
    }

    [Fact]
    public void Judge_ABucketWhollyAboveHalfOfZLoggers_IsMissed()
    {
        Assert.Equal(TargetVerdict.Missed, LatencyTarget.Judge(Rate(own: 20_479, zlogger: 26_623, nlog: 49_151))!.Value.Verdict);
    }

    [Fact]
    public void Judge_NLogsWrapperFasterThanZLogger_SetsTheTarget()
    {
        var judged = LatencyTarget.Judge(Rate(own: 14_079, zlogger: 40_959, nlog: 26_111))!.Value;

        Assert.Equal(TargetVerdict.Missed, judged.Verdict);
        Assert.Equal(13_055.5, judged.TargetNs);
    }

    [Fact]
    public void Verdict_OfOneValueAgainstPeers_IsTheOneJudgeGives()
    {
        Assert.Equal(TargetVerdict.Undecided, LatencyTarget.Verdict(16_127, [32_255, 43_007]));
        Assert.Equal(TargetVerdict.Met, LatencyTarget.Verdict(12_031, [32_255]));
        Assert.Equal(TargetVerdict.Missed, LatencyTarget.Verdict(20_479, [26_623]));
    }

    [Fact]
    public void Judge_APeerNotRun_GivesNoVerdict()
    {
        Assert.Null(LatencyTarget.Judge(Rate(own: 12_031, zlogger: 32_255, nlog: 43_007).Where(r => r.Setup != "nlog-async-block")));
    }

    [Fact]
    public void PacedMarkdown_SaysTheVerdictUnderTheRatesTable()
    {
        var rows = Rate(own: 16_127, zlogger: 32_255, nlog: 43_007);
        var file = new Results.RunFile<LatencyMeasurement>("paced 200000 10", "test", new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc), rows, rows);

        var page = LatencyReport.PacedMarkdown(file, "paced.svg");

        Assert.Contains("Issue 17's target: logustyle-enqueued's p99.9 at most half of zlogger-file's and nlog-async-block's", page, StringComparison.Ordinal);
        Assert.Contains("**undecided**", page, StringComparison.Ordinal);
    }

    private static List<LatencyMeasurement> Rate(double own, double zlogger, double nlog) =>
    [
        Row("logustyle-direct", 25_000),
        Row("logustyle-enqueued", own),
        Row("zlogger-file", zlogger),
        Row("nlog-async-block", nlog),
    ];

    private static LatencyMeasurement Row(string setup, double p999) =>
        new(setup, "paced", 200_000, 10, 2_000_000, 200_000, 250, 1_400, p999, 900_000, 400, 80, 168, 0, 62, 2_400_000, 2_400_000);
}
