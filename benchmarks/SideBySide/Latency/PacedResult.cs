namespace LoguStyle.SideBySide.Latency;

/// <summary>What a paced load did: every call's duration (all threads merged), how many calls were made, and how long it ran.</summary>
internal sealed record PacedResult(LatencyHistogram Histogram, long Calls, TimeSpan Elapsed);
