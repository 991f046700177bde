namespace LoguStyle.SideBySide;

/// <summary>What one run of one provider on one scenario measured.</summary>
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
}
