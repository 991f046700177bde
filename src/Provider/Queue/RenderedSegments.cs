using System.Threading.Channels;
using LoguStyle.Formatting;
using LoguStyle.Sinks;

namespace LoguStyle.Queue;

/// <summary>
/// The caller's side of a queue in front of a file or a syslog connection (<see cref="IFormatsAhead"/>): each logging
/// thread formats its record itself and appends it to the open <see cref="RenderedSegment"/> of its core's
/// <see cref="RenderedLane"/>; the lanes' segments go into the queue's channel together, as one item, when one is full,
/// when the writer takes them (once each time it wakes), or before a flush's barrier. Lives beside the queue's counts:
/// each record still takes its ticket and waits for room as any queued record does, and the writer takes each record of
/// a segment on its own (<see cref="QueueCounters.Take"/>), so the room rule, the give-up's count and the flushes see
/// records, not segments.
/// </summary>
/// <remarks>
/// <para>Why: a queued record that travels as an object costs its caller and the writer a cross-core miss for every
/// line of it the other core wrote, and the record cannot go back to its thread until the writer is done with it. Here
/// the caller keeps its record (the thread's one reused record, as a direct file sink's caller does), and the writer
/// reads bytes in runs (docs/benchmarks.md, "What makes the hot path cheap"). A lane a core keeps the lock and the
/// segment a caller writes in its own core (<see cref="RenderedLane"/>).</para>
/// <para>Order: every hand-over takes every lane's lock (in lane order) and hands over every lane's records at once, so
/// the channel's items are cuts across the lanes: a record whose call returned before another call began is in the
/// same item as that call's record or an earlier one. Several lanes' segments in one item are a <see cref="SegmentCut"/>,
/// which the writer takes in ticket order (why that keeps each thread's order and the order across threads, see
/// there).</para>
/// <para>No record waits in an open segment while the writer parks: the writer looks at each lane (under its lock)
/// before it parks, takes the lanes when one holds records, and marks each lane waiting otherwise; a caller that appends
/// to a lane while its mark is set hands every lane over at once, which wakes the writer (the mark and the append under
/// the lane's lock, so one of the two sees the other). A napping writer leaves the open segments to their callers for
/// its nap (4 ms), and takes them once when it wakes, or at once when half the queue waits in them (QueuedSink's
/// writer loop). The channel is completed only here, under every lane's lock, after the open segments went in, so a
/// record is either in the channel or refused (<see cref="TryAppend(LogRecord, long)"/> false), never left behind.</para>
/// <para>Not for <see cref="QueueFullMode.DropOldest"/>, whose callers take the oldest record out of the channel.</para>
/// </remarks>
internal sealed class RenderedSegments
{
    /// <summary>
    /// The segments a full hand-over leaves between one the writer returned and its next use: a segment the writer
    /// read last sits in its core's caches, and a caller's first writes to each of its lines wait for the other core to
    /// let go of it (a cross-core round trip each, which the next locked instruction waits for). Reused oldest first,
    /// behind this many others, its lines have left the writer's core. 16 segments of 64 KiB are more than a core's
    /// 1 MiB second-level cache.
    /// </summary>
    internal const int ReuseDistance = 16;

    /// <summary>
    /// The segments kept for reuse at most: enough for ReuseDistance and the segments a writer that keeps up has in
    /// hand; the others a backlog needed go to the garbage collector when the writer gives them back, so a queue that
    /// caught up does not keep its backlog's memory.
    /// </summary>
    internal const int MaxFree = 2 * ReuseDistance;

    /// <summary>The lanes a queue has at most, whatever the cores: each holds an open segment once it has a record.</summary>
    internal const int MaxLanes = 8;

    private readonly ChannelWriter<object> _channel;
    private readonly IFormatsAhead _sink;
    private readonly RenderedLane[] _lanes;

    // The free segments and the pool's state; taken after a lane's lock, never before.
    private readonly Lock _poolLock = new();
    private readonly Queue<RenderedSegment> _free = new();
    private long _writerHandOvers;
    private long _fullHandOvers;
    private long _madeByCallers;
    private long _cutsOfSeveralLanes;

    // A segment the writer made for the next full hand-over that finds the pool short (see Return); null otherwise.
    private RenderedSegment? _fresh;

    // Set when a full hand-over found ReuseDistance or fewer free segments: the writer makes the next one (Return).
    private bool _poolShort;

    /// <param name="channel">The queue's channel.</param>
    /// <param name="sink">The sink the records are for.</param>
    /// <param name="lanes">How many lanes (one a core, at most <see cref="MaxLanes"/>); 1 under a test scheduler.</param>
    public RenderedSegments(ChannelWriter<object> channel, IFormatsAhead sink, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        _channel = channel;
        _sink = sink;
        _lanes = new RenderedLane[lanes];
        for (var k = 0; k < lanes; k++)
        {
            // The lock first: it sits just before its lane's fields, and after the previous lane's padding.
            var gate = new Lock();
            _lanes[k] = new RenderedLane(gate);
        }

        // The first lane's segment now; another lane's with its first record (a queue on many cores whose callers run on
        // few holds no segment for the others).
        _lanes[0].Open = new RenderedSegment();
    }

    /// <summary>The lanes a queue of this machine gets: one a core, at most <see cref="MaxLanes"/>.</summary>
    public static int LanesForThisMachine => QueueSteps.Lanes(Math.Clamp(Environment.ProcessorCount, 1, MaxLanes));

    /// <summary>The sink the segments' records are for (the writer appends them).</summary>
    public IFormatsAhead Sink => _sink;

    /// <summary>The lanes (for tests).</summary>
    internal int LaneCount => _lanes.Length;

    /// <summary>True while the writer waits for its channel and the next record, in any lane, hands the lanes over (for tests).</summary>
    internal bool WriterWaiting
    {
        get
        {
            foreach (var lane in _lanes)
            {
                lock (lane.Gate)
                {
                    if (!lane.WriterWaiting)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }

    /// <summary>Hand-overs by the writer that took records, because it had run through the channel (for tests).</summary>
    internal long WriterHandOvers => Interlocked.Read(ref _writerHandOvers);

    /// <summary>Segments handed over because they were full (for tests).</summary>
    internal long FullHandOvers => Interlocked.Read(ref _fullHandOvers);

    /// <summary>Hand-overs that found records in more than one lane (a <see cref="SegmentCut"/>; for tests).</summary>
    internal long CutsOfSeveralLanes => Interlocked.Read(ref _cutsOfSeveralLanes);

    /// <summary>Segments a logging thread had to make because none was free (for tests).</summary>
    internal long MadeByCallers => Interlocked.Read(ref _madeByCallers);

    /// <summary>True when records wait in an open segment (the napping writer's look).</summary>
    public bool HasOpenRecords
    {
        get
        {
            foreach (var lane in _lanes)
            {
                if (lane.OpenCount != 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Formats <paramref name="record"/> and appends it, under <paramref name="ticket"/>, to the open segment of this core's
    /// lane; false when the queue is completed (the record is refused). A formatter that throws throws here, with
    /// nothing appended.
    /// </summary>
    public bool TryAppend(LogRecord record, long ticket)
    {
        // Formatted outside the lock: threads format side by side and hold the lock only to copy bytes.
        var buffer = ScratchBuffers.Rent();
        _sink.Render(record, buffer);
        var appended = TryAppend(buffer.WrittenSpan, record.Timestamp, ticket);
        ScratchBuffers.Return(buffer);
        return appended;
    }

    /// <summary>The writer found its channel empty: hands the open segments over when they hold records (true).</summary>
    public bool HandOverForWriter()
    {
        QueueSteps.Step("segments.hand-over");
        EnterAll();
        try
        {
            var handedOver = HandOverAllLocked(HandOverReason.PartFull, full: null);
            _writerHandOvers += handedOver ? 1 : 0;
            return handedOver;
        }
        finally
        {
            ExitAll();
        }
    }

    /// <summary>
    /// The writer is about to wait for its channel: false when records wait in an open segment (it takes them instead);
    /// true once every lane is marked waiting, so that the next caller hands the lanes over.
    /// </summary>
    public bool TryMarkWriterWaiting()
    {
        QueueSteps.Step("segments.mark-waiting");
        foreach (var lane in _lanes)
        {
            // Each lane looked at and marked under its own lock: a record appended to it before the mark is seen here,
            // one appended after sees the mark. A lane marked before a later lane turned out to hold records stays marked
            // until the writer's hand-over, which it goes to next, clears every mark.
            lock (lane.Gate)
            {
                if (lane.OpenCount > 0)
                {
                    return false;
                }

                lane.WriterWaiting = true;
            }
        }

        return true;
    }

    /// <summary>
    /// A flush: the open segments go into the channel first, then the barrier behind them, under every lane's lock, so
    /// the barrier follows every record appended before the call. Null when the queue is completed.
    /// </summary>
    public Task? AddBarrier(FlushBarriers barriers)
    {
        QueueSteps.Step("segments.add-barrier");
        EnterAll();
        try
        {
            HandOverAllLocked(HandOverReason.Flush, full: null);
            return barriers.AddWithoutStep(_channel);
        }
        finally
        {
            ExitAll();
        }
    }

    /// <summary>Completes the queue: every later append is refused; the open segments go in first.</summary>
    public void Complete()
    {
        QueueSteps.Step("segments.complete");
        EnterAll();
        try
        {
            if (_lanes[0].Closed)
            {
                return;
            }

            HandOverAllLocked(HandOverReason.PartFull, full: null);
            foreach (var lane in _lanes)
            {
                lane.Closed = true;
            }

            _channel.TryComplete();
        }
        finally
        {
            ExitAll();
        }
    }

    /// <summary>The writer is done with <paramref name="segment"/>: kept for reuse.</summary>
    public void Return(RenderedSegment segment)
    {
        if (segment.IsCompact)
        {
            // A flush's copy, sized to its records: not one to fill.
            return;
        }

        segment.Clear();
        bool grow;
        lock (_poolLock)
        {
            if (_free.Count < MaxFree)
            {
                _free.Enqueue(segment);
            }

            _poolShort &= _free.Count <= ReuseDistance;
            grow = _poolShort && _fresh is null;
        }

        if (grow)
        {
            // The pool grows here, on the writer, one segment a return: a segment made on a logging thread is 92 KiB
            // allocated (and zeroed) inside a logging call. Made outside the lock, so callers do not wait for it.
            var made = new RenderedSegment();
            lock (_poolLock)
            {
                _fresh ??= made;
            }
        }
    }

    private bool TryAppend(ReadOnlySpan<byte> record, DateTimeOffset timestamp, long ticket)
    {
        while (true)
        {
            QueueSteps.Step("segments.append");
            var lane = _lanes[(uint)Thread.GetCurrentProcessorId() % (uint)_lanes.Length];
            bool appended;
            lock (lane.Gate)
            {
                if (lane.Closed)
                {
                    return false;
                }

                var open = lane.Open ??= new RenderedSegment();
                appended = open.Fits(record.Length);
                if (appended)
                {
                    open.Add(record, timestamp, ticket);
                    lane.OpenCount = open.Count;
                    if (!lane.WriterWaiting)
                    {
                        return true;
                    }
                }

                if (_lanes.Length == 1)
                {
                    // The lane's lock is every lock: handed over here, and a full segment's record goes into the next.
                    HandOverAllLocked(HandOverReason.PartFull, full: appended ? null : lane);
                    if (!appended)
                    {
                        lane.Open!.Add(record, timestamp, ticket);
                        lane.OpenCount = lane.Open.Count;
                    }

                    return true;
                }
            }

            // The lane is full, or the writer waits: every lane is handed over, under every lane's lock, taken in lane
            // order (this lane's was let go first, so two callers never wait for each other's).
            EnterAll();
            try
            {
                // Completed meanwhile: an appended record went in with the rest, one that was not is refused next. Another
                // caller's hand-over meanwhile may have made room in the full lane already.
                if (!_lanes[0].Closed && (appended || !lane.Open!.Fits(record.Length)))
                {
                    HandOverAllLocked(HandOverReason.PartFull, full: appended ? null : lane);
                }
            }
            finally
            {
                ExitAll();
            }

            if (appended)
            {
                // Completed meanwhile: the completion handed this record over with the rest.
                return true;
            }
        }
    }

    private void EnterAll()
    {
        var entered = 0;
        try
        {
            for (; entered < _lanes.Length; entered++)
            {
                _lanes[entered].Gate.Enter();
            }
        }
        catch
        {
            // Thread.Interrupt while waiting for a lock: the locks taken so far are let go.
            while (--entered >= 0)
            {
                _lanes[entered].Gate.Exit();
            }

            throw;
        }
    }

    private void ExitAll()
    {
        for (var k = _lanes.Length - 1; k >= 0; k--)
        {
            _lanes[k].Gate.Exit();
        }
    }

    /// <summary>
    /// Hands every lane's records over as one item (every lane's lock held): a segment when one lane holds records, a
    /// <see cref="SegmentCut"/> when several do. <paramref name="full"/> is the lane whose next record does not fit. True
    /// when records went in.
    /// </summary>
    private bool HandOverAllLocked(HandOverReason reason, RenderedLane? full)
    {
        RenderedSegment? single = null;
        List<RenderedSegment>? several = null;
        foreach (var lane in _lanes)
        {
            lane.WriterWaiting = false;
            if (lane.Open is not { Count: > 0 } open)
            {
                continue;
            }

            RenderedSegment handedOver;
            var laneReason = ReferenceEquals(lane, full) ? HandOverReason.Full : reason;
            if (laneReason == HandOverReason.Flush && open.UsedBytes <= RenderedSegment.CompactBytes)
            {
                // A flush's few records go in a copy of their size and the open segment stays (RenderedSegment.CompactBytes).
                handedOver = open.CopyCompact();
                open.Clear();
            }
            else
            {
                handedOver = open;
                lane.Open = NextOpen(laneReason);
            }

            lane.OpenCount = 0;
            if (single is null)
            {
                single = handedOver;
            }
            else
            {
                (several ??= [single]).Add(handedOver);
            }
        }

        if (single is null)
        {
            return false;
        }

        // Cannot fail: the channel is completed only under these locks, after the last hand-over (Complete).
        _cutsOfSeveralLanes += several is null ? 0 : 1;
        _channel.TryWrite(several is null ? single : new SegmentCut(several));
        return true;
    }

    private RenderedSegment NextOpen(HandOverReason reason)
    {
        lock (_poolLock)
        {
            // See HandOverReason: a full segment keeps ReuseDistance free segments between a segment's uses, any other
            // takes the oldest free one at once.
            _fullHandOvers += reason == HandOverReason.Full ? 1 : 0;
            var keep = reason == HandOverReason.Full ? ReuseDistance : 0;
            if (_free.Count > keep)
            {
                return _free.Dequeue();
            }

            _poolShort |= reason == HandOverReason.Full;
            if (_fresh is { } fresh)
            {
                // Made by the writer for this moment, never used: no line of it waits in the writer's caches.
                _fresh = null;
                return fresh;
            }

            if (_free.TryDequeue(out var near))
            {
                // The pool is short (the writer is behind, or the pool still grows): a segment read lately costs its lines'
                // round trips, which a new one would cost too (its zeroing), without the allocation on the logging thread.
                return near;
            }

            _madeByCallers++;
        }

        return new RenderedSegment();
    }
}
