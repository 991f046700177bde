namespace LoguStyle.SideBySide.Latency;

/// <summary>What one paced run of one setup measured: the calls' durations, the time in GC, and what was lost.</summary>
internal sealed record LatencyMeasurement(
    string Setup,
    string Scenario,
    long OfferedPerSecond,
    double Seconds,
    long Calls,
    double MadePerSecond,
    double P50Ns,
    double P99Ns,
    double P999Ns,
    double MaxNs,
    double MeanNs,
    double GcPauseMs,
    int Gen0Collections,
    int Gen2Collections,
    double PeakWorkingSetMb,
    long Expected,
    long Found)
{
    /// <summary>Records logged that did not reach the output (paced: warm-up included; slow: the measured period).</summary>
    public long Lost => Expected - Found;

    /// <summary>For the slow consumer: the rate the sink takes; 0 otherwise.</summary>
    public long SinkPerSecond { get; init; }

    /// <summary>For the slow consumer: records of the warm-up, into the sink not yet throttled, that it never got.</summary>
    public long WarmUpLost { get; init; }

    /// <summary>For the slow consumer: how long disposing the provider took (its queue drained at the sink's pace).</summary>
    public double DrainMs { get; init; }

    /// <summary>The first record line in the output, for the layout check (paced runs into files).</summary>
    public string? FirstLine { get; init; }

    public double CrossCoreNs { get; init; }

    /// <summary>Calls made first after their thread slept (a burst's first; see <see cref="PacedLoad"/>).</summary>
    public long AfterSleepCalls { get; init; }

    public double AfterSleepP50Ns { get; init; }

    public double AfterSleepP90Ns { get; init; }

    public double AfterSleepP99Ns { get; init; }

    /// <summary>Of the calls at or over the p99.9, the share that were first after a sleep (<see cref="PacedResult.SlowestAfterSleepShare"/>).</summary>
    public double SlowestAfterSleepShare { get; init; }

    /// <summary>The row of one run; the peak working set is this process's so far.</summary>
    public static LatencyMeasurement From(
        string setup,
        string scenario,
        long offeredPerSecond,
        TimeSpan duration,
        MeasuredLoad measured,
        long expected,
        long found) => new(
            setup,
            scenario,
            offeredPerSecond,
            duration.TotalSeconds,
            measured.Load.Calls,
            measured.Load.Calls / duration.TotalSeconds,
            measured.Load.Histogram.PercentileNs(0.50),
            measured.Load.Histogram.PercentileNs(0.99),
            measured.Load.Histogram.PercentileNs(0.999),
            measured.Load.Histogram.MaxNs,
            measured.Load.Histogram.MeanNs,
            measured.GcPause.TotalMilliseconds,
            measured.Gen0Collections,
            measured.Gen2Collections,
            System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
            expected,
            found)
        {
            AfterSleepCalls = measured.Load.AfterSleep.Count,
            AfterSleepP50Ns = measured.Load.AfterSleep.PercentileNs(0.50),
            AfterSleepP90Ns = measured.Load.AfterSleep.PercentileNs(0.90),
            AfterSleepP99Ns = measured.Load.AfterSleep.PercentileNs(0.99),
            SlowestAfterSleepShare = measured.Load.SlowestAfterSleepShare,
        };
}
