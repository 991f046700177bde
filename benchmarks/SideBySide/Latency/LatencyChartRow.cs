namespace LoguStyle.SideBySide.Latency;

/// <summary>One setup's bars in a <see cref="LatencyChart"/>, and the text written after them.</summary>
internal sealed record LatencyChartRow(string Label, double P50Ns, double P99Ns, double P999Ns, double MaxNs, string Note);
