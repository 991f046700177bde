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
}
