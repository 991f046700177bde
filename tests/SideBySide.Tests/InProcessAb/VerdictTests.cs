using LoguStyle.InProcessAb;

namespace LoguStyle.SideBySide.Tests.InProcessAb;

public sealed class VerdictTests
{
    [Theory]
    [InlineData(1.06, 1.01, 1.10, "REGRESSION")]
    [InlineData(1.06, 0.99, 1.10, "no regression")] // the interquartile range straddles 1.0
    [InlineData(1.05, 1.02, 1.08, "no regression")] // not above 1.05
    [InlineData(1.04, 1.01, 1.08, "no regression")]
    [InlineData(0.94, 0.90, 0.99, "faster")]
    [InlineData(0.94, 0.90, 1.01, "no regression")]
    [InlineData(1.00, 0.97, 1.03, "no regression")]
    public void Of_MedianAndQuartiles_ReadsAsTheRuleSays(double median, double q1, double q3, string expected) =>
        Assert.Equal(expected, Verdict.Of(median, q1, q3));
}
