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
}
