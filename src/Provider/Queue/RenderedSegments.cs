using System.Threading.Channels;
using LoguStyle.Formatting;
using LoguStyle.Sinks;

namespace LoguStyle.Queue;

/// <summary>
/// The caller's side of a queue in front of a file or a syslog connection (<see cref="IFormatsAhead"/>): each logging
/// thread formats its record itself, into the open <see cref="RenderedSegment"/>, and the segment goes into the queue's channel as one item once it is full, when the
/// writer takes it (once each time it wakes), or before a flush's barrier. Lives beside the queue's counts: each record still takes
/// its ticket and waits for room as any queued record does, and the writer takes each record of a segment on its own
/// (<see cref="QueueCounters.Take"/>), so the room rule, the give-up's count and the flushes see records, not segments.
/// </summary>
/// <remarks>
/// <para>Why: a queued record that travels as an object costs its caller and the writer a cross-core miss for every
/// line of it the other core wrote, and the record cannot go back to its thread until the writer is done with it. Here
/// the caller keeps its record (the thread's one reused record, as a direct file sink's caller does), and the writer
/// reads bytes in runs (docs/benchmarks.md, "What makes the hot path cheap").</para>
/// <para>No record waits in the open segment while the writer parks: the writer looks at the open segment (under the
/// lock) before it parks, takes it when it holds records, and marks itself waiting otherwise; a caller that
/// appends while that mark is set hands the segment over at once, which wakes the writer (both under the lock, so one
/// of the two sees the other). A napping writer leaves the open segment to its callers for its nap (a millisecond), and
/// takes it once when it wakes, or at once when half the queue waits in it (QueuedSink's writer loop). The channel is completed only here, under the lock, after the open segment went in, so
/// a record is either in the channel or refused (<see cref="TryAppend(LogRecord)"/> false), never left behind.</para>
/// <para>Not for <see cref="QueueFullMode.DropOldest"/>, whose callers take the oldest record out of the channel.</para>
/// </remarks>
internal sealed class RenderedSegments(ChannelWriter<object> channel, IFormatsAhead sink)
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

    private readonly Lock _lock = new();
    private readonly Queue<RenderedSegment> _free = new();
    private RenderedSegment _open = new();
    private bool _closed;
    private bool _writerWaiting;
    private long _writerHandOvers;
    private long _fullHandOvers;
    private long _madeByCallers;

    // A segment the writer made for the next full hand-over that finds the pool short (see Return); null otherwise.
    private RenderedSegment? _fresh;

    // Set when a full hand-over found ReuseDistance or fewer free segments: the writer makes the next one (Return).
    private bool _poolShort;

    // The open segment's count, for the napping writer's look (the count itself is written under the lock).
    private volatile int _openCount;

    /// <summary>The sink the segments' records are for (the writer appends them).</summary>
    public IFormatsAhead Sink => sink;

    /// <summary>True while the writer waits for its channel and the next record hands the open segment over (for tests).</summary>
    internal bool WriterWaiting
    {
        get
        {
            lock (_lock)
            {
                return _writerWaiting;
            }
        }
    }

    /// <summary>Open segments the writer took because it had run through the channel (for tests).</summary>
    internal long WriterHandOvers => Interlocked.Read(ref _writerHandOvers);

    /// <summary>Segments handed over because they were full (for tests).</summary>
    internal long FullHandOvers => Interlocked.Read(ref _fullHandOvers);

    /// <summary>Segments a logging thread had to make because none was free (for tests).</summary>
    internal long MadeByCallers => Interlocked.Read(ref _madeByCallers);

    /// <summary>True when records wait in the open segment (the napping writer's look).</summary>
    public bool HasOpenRecords => _openCount != 0;

    /// <summary>
    /// Formats <paramref name="record"/> and appends it to the open segment; false when the queue is completed (the record
    /// is refused). A formatter that throws throws here, with nothing appended.
    /// </summary>
    public bool TryAppend(LogRecord record)
    {
        // Formatted outside the lock: threads format side by side and hold the lock only to copy bytes.
        var buffer = ScratchBuffers.Rent();
        sink.Render(record, buffer);
        var appended = TryAppend(buffer.WrittenSpan, record.Timestamp);
        ScratchBuffers.Return(buffer);
        return appended;
    }

    /// <summary>The writer found its channel empty: hands the open segment over when it holds records (true).</summary>
    public bool HandOverForWriter()
    {
        QueueSteps.Step("segments.hand-over");
        lock (_lock)
        {
            var handedOver = HandOverLocked(HandOverReason.PartFull);
            _writerHandOvers += handedOver ? 1 : 0;
            return handedOver;
        }
    }

    /// <summary>
    /// The writer is about to wait for its channel: false when records wait in the open segment (it takes them instead);
    /// true once it is marked waiting, so that the next caller hands the segment over.
    /// </summary>
    public bool TryMarkWriterWaiting()
    {
        QueueSteps.Step("segments.mark-waiting");
        lock (_lock)
        {
            if (_open.Count > 0)
            {
                return false;
            }

            _writerWaiting = true;
            return true;
        }
    }

    /// <summary>
    /// A flush: the open segment goes into the channel first, then the barrier behind it, under one lock, so the barrier
    /// follows every record appended before the call. Null when the queue is completed.
    /// </summary>
    public Task? AddBarrier(FlushBarriers barriers)
    {
        QueueSteps.Step("segments.add-barrier");
        lock (_lock)
        {
            HandOverLocked(HandOverReason.Flush);
            return barriers.AddWithoutStep(channel);
        }
    }

    /// <summary>Completes the queue: every later append is refused; the open segment goes in first.</summary>
    public void Complete()
    {
        QueueSteps.Step("segments.complete");
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            HandOverLocked(HandOverReason.PartFull);
            _closed = true;
            channel.TryComplete();
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
        lock (_lock)
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
            // The pool grows here, on the writer, one segment a return: a segment made on a logging thread is 84 KiB
            // allocated (and zeroed) inside a logging call. Made outside the lock, so callers do not wait for it.
            var made = new RenderedSegment();
            lock (_lock)
            {
                _fresh ??= made;
            }
        }
    }

    private bool TryAppend(ReadOnlySpan<byte> record, DateTimeOffset timestamp)
    {
        QueueSteps.Step("segments.append");
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            if (!_open.Fits(record.Length))
            {
                HandOverLocked(HandOverReason.Full);
            }

            _open.Add(record, timestamp);
            _openCount = _open.Count;
            if (_writerWaiting)
            {
                HandOverLocked(HandOverReason.PartFull);
            }

            return true;
        }
    }

    private bool HandOverLocked(HandOverReason reason)
    {
        if (_open.Count == 0)
        {
            return false;
        }

        RenderedSegment handedOver;
        _fullHandOvers += reason == HandOverReason.Full ? 1 : 0;
        if (reason == HandOverReason.Flush && _open.UsedBytes <= RenderedSegment.CompactBytes)
        {
            // A flush's few records go in a copy of their size and the open segment stays (RenderedSegment.CompactBytes).
            handedOver = _open.CopyCompact();
            _open.Clear();
        }
        else
        {
            handedOver = _open;
            _open = NextOpenLocked(reason);
        }

        _openCount = 0;
        _writerWaiting = false;

        // Cannot fail: the channel is completed only under this lock, after the last hand-over (Complete).
        channel.TryWrite(handedOver);
        return true;
    }

    private RenderedSegment NextOpenLocked(HandOverReason reason)
    {
        // See HandOverReason: a full segment keeps ReuseDistance free segments between a segment's uses, any other
        // takes the oldest free one at once.
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
        return new RenderedSegment();
    }
}
