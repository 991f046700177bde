namespace LoguStyle.SideBySide.Tests;

public sealed class LayoutCheckTests
{
    private const string LoguStyleLine = "2026-11-30 04:24:35.365 | INF | Bench.Orders - User 0 bought 3 items for 29.97\\n";

    [Fact]
    public void Normalise_Timestamp_DigitsBecomeZerosOfTheSameWidth() =>
        Assert.Equal("0000-00-00 00:00:00.000 | INF | Bench.Orders - User 0 bought 0 items for 00.00\\n", LayoutCheck.Normalise(LoguStyleLine));

    [Fact]
    public void Differences_SameLayoutOtherTimesAndCounters_IsNull()
    {
        var outputs = new List<(string, string?, string?)>
        {
            ("logustyle-direct", LoguStyleLine, "2026-11-30 04:24:36.001 | INF | Bench.Orders - User 19999 bought 3 items for 29.97\\n"),
            ("zlogger-file", "2026-11-30 04:25:01.999 | INF | Bench.Orders - User 0 bought 3 items for 29.97\\n", "2026-11-30 04:25:02.345 | INF | Bench.Orders - User 19999 bought 3 items for 29.97\\n"),
        };

        Assert.Null(LayoutCheck.Differences(outputs));
    }

    // The layouts an unfair setup writes: NLog's ${longdate} (a fourth fractional digit), Serilog's {Message} without
    // :lj (quoted strings), MEL's simple console (its own prefix), a level name of another case, another line end.
    [Theory]
    [InlineData("2026-11-30 04:24:35.3650 | INF | Bench.Orders - User 0 bought 3 items for 29.97\\n")]
    [InlineData("2026-11-30 04:24:35.365 | INF | Bench.Orders - User \"0\" bought 3 items for 29.97\\n")]
    [InlineData("2026-11-30 04:24:35.365 | info: Bench.Orders[1] User 0 bought 3 items for 29.97\\n")]
    [InlineData("2026-11-30 04:24:35.365 | Inf | Bench.Orders - User 0 bought 3 items for 29.97\\n")]
    [InlineData("2026-11-30 04:24:35.365 | INF | Bench.Orders - User 0 bought 3 items for 29.97\\r\\n")]
    [InlineData(null)]
    public void Differences_AnotherLayout_ShowsEveryProvidersLines(string? other)
    {
        var outputs = new List<(string, string?, string?)> { ("logustyle-direct", LoguStyleLine, LoguStyleLine), ("peer", other, LoguStyleLine) };

        var report = LayoutCheck.Differences(outputs);

        Assert.NotNull(report);
        Assert.Contains("logustyle-direct", report, StringComparison.Ordinal);
        Assert.Contains("peer", report, StringComparison.Ordinal);
        Assert.Contains(other is null ? "(no record)" : LayoutCheck.Normalise(other), report, StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_LastLinesDiffer_IsReported()
    {
        var outputs = new List<(string, string?, string?)>
        {
            ("a", LoguStyleLine, LoguStyleLine),
            ("b", LoguStyleLine, LoguStyleLine.Replace(" | INF | ", " | INFO | ", StringComparison.Ordinal)),
        };

        Assert.NotNull(LayoutCheck.Differences(outputs));
    }
}
