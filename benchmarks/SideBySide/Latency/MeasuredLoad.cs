namespace LoguStyle.SideBySide.Latency;

/// <summary>A paced load run from a clean heap, with the garbage collector's work during it.</summary>
internal sealed record MeasuredLoad(PacedResult Load, TimeSpan GcPause, int Gen0Collections, int Gen2Collections)
{
    /// <summary>Collects what the warm-up left, then runs <paramref name="load"/> and counts the collections and pauses it saw.</summary>
    public static MeasuredLoad Run(Func<PacedResult> load)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var pause = GC.GetTotalPauseDuration();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var result = load();
        return new MeasuredLoad(result, GC.GetTotalPauseDuration() - pause, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }
}
