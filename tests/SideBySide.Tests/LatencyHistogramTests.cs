using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.SideBySide.Latency;

namespace LoguStyle.SideBySide.Tests;

public sealed class LatencyHistogramTests
{
    // A value's bucket ends at or above it, and within 1/32 of it: a reported percentile is at most 3 % high.
    [Property]
    public Property UpperEdge_OfAValuesBucket_IsWithinOneThirtySecondAboveIt() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Select(v => (long)v * 4096)), value =>
        {
            var edge = LatencyHistogram.UpperEdge(LatencyHistogram.Index(value));
            return edge >= value && edge - value <= (value / 32) + 1;
        });

    [Property]
    public bool Index_LargerValue_NeverASmallerBucket(NonNegativeInt a, NonNegativeInt b)
    {
        var (low, high) = a.Get <= b.Get ? (a.Get, b.Get) : (b.Get, a.Get);
        return LatencyHistogram.Index(low) <= LatencyHistogram.Index(high);
    }

    [Fact]
    public void PercentileNs_OneToTenThousand_WithinTheBucketWidth()
    {
        var histogram = new LatencyHistogram();
        for (var ns = 1; ns <= 10_000; ns++)
        {
            histogram.RecordNs(ns);
        }

        Assert.InRange(histogram.PercentileNs(0.50), 5_000, 5_000 + (5_000 / 32));
        Assert.InRange(histogram.PercentileNs(0.99), 9_900, 9_900 + (9_900 / 32));
        Assert.Equal(10_000, histogram.PercentileNs(0.999 + 0.001));
        Assert.Equal(10_000, histogram.MaxNs);
        Assert.Equal(5_000.5, histogram.MeanNs, precision: 6);
    }

    // The count the stalls command prints: every value at or above the threshold, and below it only what shares its bucket.
    [Property]
    public bool CountAtLeastNs_CountsEveryValueAtOrAboveIt_AndBelowItOnlyWithinOneThirtySecond(NonNegativeInt[] values, NonNegativeInt threshold)
    {
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.RecordNs(value.Get);
        }

        var counted = histogram.CountAtLeastNs(threshold.Get);
        var atOrAbove = values.Count(v => v.Get >= threshold.Get);
        var withinBucketBelow = values.Count(v => v.Get < threshold.Get && v.Get >= threshold.Get - (threshold.Get / 32) - 1);
        return counted >= atOrAbove && counted <= atOrAbove + withinBucketBelow;
    }

    [Fact]
    public void PercentileNs_Empty_IsZero() => Assert.Equal(0, new LatencyHistogram().PercentileNs(0.999));

    [Fact]
    public void Add_TwoThreadsHistograms_CountsBothAndKeepsTheLargerMaximum()
    {
        var one = new LatencyHistogram();
        var two = new LatencyHistogram();
        one.RecordNs(100);
        two.RecordNs(50_000_000);
        two.RecordNs(200);

        one.Add(two);

        Assert.Equal(3, one.Count);
        Assert.Equal(50_000_000, one.MaxNs);
        Assert.Equal(200, one.PercentileNs(0.5), tolerance: 200 / 32);
    }

    [Fact]
    public void RecordTicks_AMillionCalls_AllocatesNothing()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordTicks(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            histogram.RecordTicks(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
