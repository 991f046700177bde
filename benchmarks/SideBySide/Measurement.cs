namespace LoguStyle.SideBySide;

/// <summary>What one run of one provider on one scenario measured (<see cref="Found"/> and the lines: counted by the runner).</summary>
internal sealed record Measurement(
    string Provider,
    string Scenario,
    long Calls,
    double CallerNsPerCall,
    double TotalMs,
    double RecordsPerSecond,
    double AllocatedBytesPerCall,
    double OtherThreadsBytesPerCall,
    int Gen0Collections,
    double PeakWorkingSetMb,
    long Expected,
    long Found)
{
    public long Lost => Expected - Found;

    /// <summary>The cross-core round trip measured just before this run (see <see cref="CrossCoreLatency"/>).</summary>
    public double CrossCoreNs { get; init; }

    /// <summary>How long the provider took, after the warm-up loop, until its output stopped growing.</summary>
    public double SettleMs { get; init; }

    /// <summary>The first record line in the output, as written (line end shown), for the layout check.</summary>
    public string? FirstLine { get; init; }

    /// <summary>The last record line in the output.</summary>
    public string? LastLine { get; init; }
}
