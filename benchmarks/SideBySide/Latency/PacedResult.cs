namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// What a paced load did: every call's duration (all threads merged), the durations of the calls each thread made first
/// after it slept (<see cref="AfterSleep"/>, also in <see cref="Histogram"/>), how many calls were made, and how long it ran.
/// </summary>
internal sealed record PacedResult(LatencyHistogram Histogram, LatencyHistogram AfterSleep, long Calls, TimeSpan Elapsed)
{
    /// <summary>Of the calls at or over the p99.9 (counted from its bucket), the share that came first after a sleep.</summary>
    public double SlowestAfterSleepShare
    {
        get
        {
            var p999 = Histogram.PercentileNs(0.999);
            var slowest = Histogram.CountAtLeastNs(p999);
            return slowest == 0 ? 0 : (double)AfterSleep.CountAtLeastNs(p999) / slowest;
        }
    }
}
