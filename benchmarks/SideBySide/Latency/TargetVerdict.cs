namespace LoguStyle.SideBySide.Latency;

/// <summary>What a run says of issue 17's latency target, at the histogram's resolution (see <see cref="LatencyTarget"/>).</summary>
internal enum TargetVerdict
{
    /// <summary>LoguStyle enqueued's p99.9 is at most the target whatever the values inside their buckets.</summary>
    Met,

    /// <summary>LoguStyle enqueued's p99.9 is above the target whatever the values inside their buckets.</summary>
    Missed,

    /// <summary>The buckets overlap the target: the run cannot tell.</summary>
    Undecided,
}
