using LoguStyle.SideBySide.Latency;

namespace LoguStyle.SideBySide.Tests;

public sealed class PacedLoadTests
{
    // The schedule the paced scenario and the stalls command share: the offered calls are made (a spin of 2 µs leaves
    // time to spare at 20,000/s; a thread still behind when the period ends stops, hence the margin), and every call is timed at no less than its own work.
    [Fact]
    public void Run_SpinCalls_MakesTheOfferedCallsAndTimesEachAtLeastItsWork()
    {
        var ticks = 2_000 * System.Diagnostics.Stopwatch.Frequency / 1_000_000_000;

        var load = PacedLoad.Run(new BusyCall(ticks), ratePerSecond: 20_000, TimeSpan.FromMilliseconds(500));

        Assert.InRange(load.Calls, 9_000, 10_000);
        Assert.Equal(load.Calls, load.Histogram.Count);
        Assert.Equal(load.Calls, load.Histogram.CountAtLeastNs(1_900));
    }

    // Each thread sleeps when it is ahead and then makes the calls that came due, the first of them counted apart as
    // well: at 20,000/s a thread's burst is about 5 calls (its sleep is a millisecond or a little more), so the calls
    // first after a sleep are a fifth of the calls or fewer, never none, and each is also among all the calls.
    [Fact]
    public void Run_CountsTheFirstCallAfterEachSleepApart_AndAmongAllCalls()
    {
        var ticks = 2_000 * System.Diagnostics.Stopwatch.Frequency / 1_000_000_000;

        var load = PacedLoad.Run(new BusyCall(ticks), ratePerSecond: 20_000, TimeSpan.FromMilliseconds(500));

        Assert.InRange(load.AfterSleep.Count, 100, load.Calls / 4);
        Assert.Equal(load.AfterSleep.Count, load.AfterSleep.CountAtLeastNs(1_900));
        Assert.True(load.Histogram.CountAtLeastNs(load.AfterSleep.MaxNs) >= 1);
        Assert.InRange(load.SlowestAfterSleepShare, 0.0, 1.0);
    }

    // 1,000 calls, the slowest two at the p99.9 (its rank is the 999th): the share is of those two.
    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(0, 0.0)]
    public void SlowestAfterSleepShare_IsTheShareOfTheCallsAtOrOverTheP999ThatCameFirstAfterASleep(int slowAfterSleep, double share)
    {
        var all = new LatencyHistogram();
        var afterSleep = new LatencyHistogram();
        for (var i = 0; i < 998; i++)
        {
            all.RecordNs(100);
        }

        all.RecordNs(20_000);
        all.RecordNs(20_000);
        for (var i = 0; i < 2; i++)
        {
            afterSleep.RecordNs(i < slowAfterSleep ? 20_000 : 100);
        }

        var load = new PacedResult(all, afterSleep, all.Count, TimeSpan.FromSeconds(1));

        Assert.Equal(20_000, all.PercentileNs(0.999), tolerance: 20_000 / 32.0);
        Assert.Equal(share, load.SlowestAfterSleepShare);
    }
}
