using LoguStyle.InProcessAb;

namespace LoguStyle.SideBySide.Tests.InProcessAb;

public sealed class QuantilesTests
{
    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 0.5, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.5, 2.5)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.25, 1.75)] // numpy.quantile([1, 2, 3, 4], 0.25)
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 0.75, 3.25)]
    [InlineData(new[] { 5.0 }, 0.25, 5.0)]
    public void Of_Values_InterpolatesBetweenOrderStatistics(double[] values, double q, double expected) =>
        Assert.Equal(expected, Quantiles.Of(values, q), 9);

    [Fact]
    public void Of_NoValues_IsNaN() => Assert.True(double.IsNaN(Quantiles.Median([])));
}
