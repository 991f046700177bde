using LoguStyle.Sinks;

namespace LoguStyle.Queue;

/// <summary>
/// The queue in front of a sink whose records travel in queues of its own, one a lane (<see cref="IQueueLanes"/>: a
/// Syslog sink's connections). While open it carries no record: each caller's record goes straight into its lane, which
/// waits, drops or takes it under its own rule, so a lane whose output is stuck holds only the callers routed to it.
/// What is the sink's as a whole stays here and is passed on to the lanes: its place in the provider, flush, the stop's
/// and dispose's rules for waiting callers, dispose, the exit's give-up and the reload's hand-over. Closed (disposed, or
/// the exit's drain), it refuses a call as any queue does.
/// </summary>
internal sealed class QueueInFrontOfLanes : QueuedSink
{
    private readonly IQueueLanes _lanes;
    private Task? _endedWithLanes;

    public QueueInFrontOfLanes(Sink inner, TimeProvider time, int capacity, QueueFullMode mode)
        : base(inner, time, capacity, mode) =>
        _lanes = inner as IQueueLanes ?? throw new ArgumentException($"{inner.GetType().Name} has no lanes.", nameof(inner));

    /// <summary>Once this queue's writer and every lane have ended: the lanes hold the records, and a reload's next generation sends only after them.</summary>
    public override Task Ended =>
        LazyInitializer.EnsureInitialized(ref _endedWithLanes, () => Task.WhenAll([base.Ended, .. _lanes.Lanes.Select(lane => lane.Ended)]));

    /// <summary>
    /// The lanes hold the records (this queue refuses a call once closed and never holds one): it keeps records as they
    /// do. A syslog connection's lane formats on the logging thread and keeps none (see <see cref="RenderedSegments"/>),
    /// unless it drops the oldest record.
    /// </summary>
    public override bool RetainsRecords => _lanes.Lanes.Any(lane => lane.RetainsRecords);

    internal override long CallersLeavingClosedRoom => base.CallersLeavingClosedRoom + _lanes.Lanes.Sum(lane => lane.CallersLeavingClosedRoom);

    /// <summary>This writer carries flush barriers only (after the close), each flushed as it was read: a flush of every
    /// lane when it runs empty would wait again for the slowest receiver, for nothing (each lane's writer flushes when
    /// its own queue runs empty).</summary>
    protected override bool FlushesWhenEmpty => false;

    /// <summary>The lanes carry the records: each of them waits for the previous generation too (see <see cref="Ended"/>).</summary>
    public override void StartAfter(Task predecessor)
    {
        base.StartAfter(predecessor);
        foreach (var lane in _lanes.Lanes)
        {
            lane.StartAfter(predecessor);
        }
    }

    public override void StopWaitingAt(long tick)
    {
        base.StopWaitingAt(tick);
        foreach (var lane in _lanes.Lanes)
        {
            lane.StopWaitingAt(tick);
        }
    }

    /// <summary>Each lane by its own writer: a stuck lane lets its callers go, a draining one keeps them.</summary>
    public override void StopWaitingIfStuckFor(long milliseconds)
    {
        base.StopWaitingIfStuckFor(milliseconds);
        foreach (var lane in _lanes.Lanes)
        {
            lane.StopWaitingIfStuckFor(milliseconds);
        }
    }

    /// <summary>
    /// While open, the lanes' own flushes: this queue holds no record, and a barrier through its writer would wait on the
    /// slowest lane, where the stop's give-up cancels it and would report a flush the lanes had not failed as the sink's
    /// error. Closed, a barrier as any queue's (or its end).
    /// </summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        IsClosed ? base.FlushAsync(cancellationToken) : Inner.FlushAsync(cancellationToken);

    /// <summary>
    /// While open, the lanes' flushes; closed, this writer's end and each lane's, apart: <see cref="Ended"/> joins them
    /// in a <c>Task.WhenAll</c>, which completes in a continuation that at exit may wait for a pool thread that never comes.
    /// </summary>
    internal override Task[] FlushParts(CancellationToken cancellationToken) =>
        IsClosed ? [WriterEnded, .. _lanes.Lanes.Select(lane => lane.Ended)] : Inner.FlushParts(cancellationToken);

    // Straight into the record's lane while open. A lane closed under this call (a reload closes it after this look)
    // throws its refusal here, so this sink's own failure path hands the call on to the next generation, as a plain
    // queue's refusal is.
    protected override void Write(LogRecord record)
    {
        if (IsClosed)
        {
            base.Write(record);
            return;
        }

        QueueSteps.Step("write.lane");
        _lanes.Enqueue(record);
    }
}
