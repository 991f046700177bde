using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// How every logging call into one set of sinks captures its record, chosen once when the set is built (a reload
/// builds a new set and a new plan), so the hot path asks one value instead of re-deriving it from the sinks.
/// </summary>
/// <param name="Record">Where the record comes from, and so when its message is rendered.</param>
/// <param name="Properties">How the template's named values are captured.</param>
/// <param name="Scopes">How the active scopes are captured.</param>
internal readonly record struct CapturePlan(RecordStrategy Record, PropertyCapture Properties, ScopeCapture Scopes)
{
    /// <summary>
    /// A pooled record whose one holder is one queue, which every record reaches (no MaxLevel, predicate or enricher of
    /// its own): the logging call's hold on the record becomes the queue's, instead of the queue adding a hold and the
    /// call dropping its own. Two atomic operations a call fewer, on a line the queue's writer takes back when it is done
    /// with the record (see <see cref="RecordCompanion.AddReference"/>).
    /// </summary>
    public bool HandsCallsHoldToQueue { get; init; }

    /// <summary>
    /// The plan for <paramref name="sinks"/>, and for the enrichers of <see cref="LoguStyleLoggerOptions.Patches"/>
    /// (<paramref name="patched"/>), which may read a record's properties as a sink's own Predicate and Patch may.
    /// </summary>
    public static CapturePlan For(IReadOnlyCollection<Sink> sinks, bool patched = false) => For(
        retainsRecords: sinks.Any(sink => sink.RetainsRecords),
        hasQueues: sinks.Any(sink => sink is Queue.QueuedSink { RetainsRecords: true }),
        allPoolSafeQueues: sinks.Count > 0 && sinks.All(sink => sink is Queue.QueuedSink { PoolSafe: true, RetainsRecords: true }),
        usesProperties: patched || sinks.Any(sink => sink.ReadsProperties),
        usesScopes: sinks.Any(sink => sink.UsesScopes)) with
    {
        HandsCallsHoldToQueue = sinks.Count == 1 && sinks.Single() is Queue.QueuedSink { PoolSafe: true, RetainsRecords: true, WritesEveryRecordGiven: true },
    };

    /// <summary>The plan for sinks with these traits.</summary>
    /// <param name="retainsRecords">A sink may keep a record after the call (a queue, user code).</param>
    /// <param name="hasQueues">A sink writes later, on a queue's writer, beside the caller.</param>
    /// <param name="allPoolSafeQueues">Every sink is a queue in front of a sink that formats at once.</param>
    /// <param name="usesProperties">A sink reads the template's named values.</param>
    /// <param name="usesScopes">A sink reads the scopes.</param>
    public static CapturePlan For(bool retainsRecords, bool hasQueues, bool allPoolSafeQueues, bool usesProperties, bool usesScopes)
    {
        // A queue keeps its records until its writer is done with them, so queues imply kept records.
        if ((hasQueues || allPoolSafeQueues) && !retainsRecords || allPoolSafeQueues && !hasQueues)
        {
            throw new ArgumentException("A set of sinks whose queues keep no records, or that is all queues and has none, cannot exist.");
        }

        var record = !retainsRecords ? RecordStrategy.Reuse : allPoolSafeQueues ? RecordStrategy.Pool : RecordStrategy.Own;
        var properties = !usesProperties ? PropertyCapture.None
            : record == RecordStrategy.Reuse ? PropertyCapture.FromState
            : hasQueues ? PropertyCapture.Snapshot
            : PropertyCapture.Copy;
        var scopes = !usesScopes ? ScopeCapture.None : hasQueues ? ScopeCapture.Snapshot : ScopeCapture.Live;
        return new CapturePlan(record, properties, scopes);
    }
}
