using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Queue;

/// <summary>The writer loop of <see cref="QueuedSink"/>: one thread per queue, the only reader of the channel but DropOldest's callers.</summary>
internal partial class QueuedSink
{
    // Naps of 4 ms before an idle writer parks (see Nap). Why 4: each nap's end is a timer interrupt and a wake-up on a
    // core the callers use, and the take that follows holds every lane's lock for a moment; a call that meets either is
    // slowed. Alternating pairs of the paced child (docs/benchmarks.md, "Queues share the work"):
    // 4 ms against 1 ms, fewer calls of 15 us or more in 7 of 8 pairs at 200,000/s and 6 of 6 at 1,000,000/s; 8 ms
    // against 4 ms, fewer in 6 of 8 at 200,000/s but more in 6 of 6 at 1,000,000/s (most likely as its records overfill the lanes).
    private const int NapCount = 10;
    private static readonly TimeSpan NapLength = TimeSpan.FromMilliseconds(4);

    // The writer has a thread of its own and blocks while idle: an application that keeps the thread pool busy cannot
    // starve it (a starved writer would fill the queue and make every logging call wait), and a caller wakes it
    // directly (synchronous continuations) instead of queueing work to the pool.
    private readonly Task _loop;

    // Writer only.
    private readonly ChannelBurst _burst;
    private long _taken;
    private long _written;

    // The segment in the writer's hands (a file's or a syslog connection's queue) and the index of its next record: fields, not locals, so that
    // the scheduled tests' record of the state (tests/Provider.Tests/Queue/Model/QueueState.cs) sees how far it got.
    private RenderedSegment? _inHands;
    private int _inHandsNext;

    // The writer's calls into the inner sink against its close (a file is closed only between two of them).
    private readonly InnerSinkUse _use = new();

    /// <summary>The writer's thread: ends once the queue is completed and empty (or, after dispose gave up, once the stuck sink returns).</summary>
    internal Task Writer => _loop;

#if DEBUG
    /// <summary>Test hook: runs on the writer just before each inner flush (compiled only in Debug builds).</summary>
    internal Action? BeforeInnerFlush { get; set; }

    /// <summary>Test hook: runs on the writer after it took a record, just before it hands it to the inner sink (Debug builds only).</summary>
    internal Action? BeforeInnerWrite { get; set; }

    /// <summary>Test hook: runs on the writer when it starts and each time it wakes after it was idle, before it reads (Debug builds only).</summary>
    internal Action? BeforeBatch { get; set; }
#endif

    private void Run()
    {
        QueueWriterMark.Enter();
        QueueSteps.Step("writer.start");
        var reader = _channel.Reader;
        try
        {
            while (true)
            {
                // Awake (at the start, or woken for records after it was idle): from here on the stuck rule's clock may
                // run again (see RoomGate.WriterIdle), before any call into the inner sink below.
                _gate.WriterIdle(false);
#if DEBUG
                BeforeBatch?.Invoke();
#endif
                // The previous generation's queue on this output drains first (bounded by its dispose).
                AwaitPredecessor();

                // From here until the writer waits for records it may call into the inner sink: a close that comes
                // meanwhile is handed to it (see InnerSinkUse). Closed already: only after dispose gave up, which
                // counted every record still in the channel as dropped.
                if (!_use.TryEnter())
                {
                    ReleaseAbandoned();
                    return;
                }

                // The open segment of a queue of segments is taken once each time the writer wakes, when it has run
                // through the channel; after that, the writer naps and leaves it to its callers unless half the queue
                // waits in it (see Nap).
                var mayTakeOpen = true;
                while (true)
                {
                    if (!_abandoned && _drops.HasNewsForSink)
                    {
                        // Before the next record is read: the report lands where the gap is. And while that record is
                        // still queued (in the channel, or the writer's burst, which the counts do not tell apart), so a
                        // sink stuck in the report (a hung network blocks on every record) holds no record: a give-up
                        // meanwhile counts the queued records as dropped (the take below then fails, and the writer never
                        // hands one over after the dispose returned), and DropOldest callers find the oldest record where
                        // the counts say it is (DropOldest reads no bursts, see ChannelBurst). Read before the report and
                        // taken after it, the record would be in neither place: the counts full, the channel empty, and
                        // every DropOldest caller spinning for as long as the sink hangs (SinkBlockedOnEveryRecordTests).
                        ReportDrops();
                    }

                    if (!ReadOne(out var item))
                    {
                        if ((mayTakeOpen || OpenSegmentIsDue) && _segments?.HandOverForWriter() == true)
                        {
                            // A queue of segments: the records its callers formatted since the last hand-over.
                            mayTakeOpen = false;
                            continue;
                        }

                        break;
                    }

                    if (ReferenceEquals(item, FlushBarriers.Marker))
                    {
                        _barriers.Reached();
                        if (!_abandoned)
                        {
                            // After dispose gave up, the inner sink is being disposed and every flush was completed.
                            FlushInnerAndCompleteBarriers();
                        }

                        continue;
                    }

                    if (item is RenderedSegment segment)
                    {
                        WriteSegment(segment);
                        continue;
                    }

                    if (item is SegmentCut cut)
                    {
                        WriteCut(cut);
                        continue;
                    }

                    var record = (LogRecord)item;
                    _taken++;
                    if (!_counters.Take())
                    {
                        // Dispose gave up before this take and counted this record as dropped: thrown away unwritten.
                        record.Companion?.ReleaseReference();
                        continue;
                    }

                    if (Mode == QueueFullMode.Wait)
                    {
                        // A place is free: a caller waiting for room gets it before any later caller passes it.
                        _gate.SignalOne();
                    }

                    // StartAfter may have come after the look at the top of the loop (the loop starts in the
                    // constructor, the provider hands over after; the record just read shows it): the predecessor still
                    // drains before this queue's first record. Waited for here, after the take is counted: waiting with
                    // the record read and uncounted, the counts would say full while the channel is empty, and a
                    // DropOldest caller would spin until the predecessor ended.
                    AwaitPredecessor();

                    // Taken before any give-up, so counted here once, even when the stuck sink returns after it. Nothing
                    // between the take and this call waits on the sink.
                    WriteOne(record);
                    _counters.Wrote(++_written);
                    LetGo(record);

                    // Let go of the record before the writer reads on, naps or parks: a build without the JIT's
                    // optimizations (Debug) keeps a method's locals alive to its end, and with them the last record's
                    // values, which a quiet queue would keep for as long as it stays quiet (LongValueRetentionTests).
                    record = null!;
                    item = null!;

                    if (Mode == QueueFullMode.DropOldest && _barriers.HasReached)
                    {
                        // A caller took a flush's marker out to make room: under sustained overload the queue may never
                        // run empty, so the flush is completed here, after the records before it, not when it does.
                        FlushInnerAndCompleteBarriers();
                    }
                }

                QueueSteps.Step("writer.look-abandoned");
                if (_abandoned)
                {
                    LeaveInner();
                    if (!reader.Completion.IsCompleted && QueueSteps.WaitToRead(reader))
                    {
                        continue;
                    }

                    return;
                }

                _counters.PublishTaken(_taken);
                _gate.SignalAll();
                ReportDrops();

                // The queue ran empty: flush, then nap before parking (see Nap). Idle from then on until it wakes: however
                // long, that is not a stuck sink (the host stop's rule, RoomGate.StopWaitingIfStuckFor).
                if (FlushesWhenEmpty)
                {
                    FlushInnerAndCompleteBarriers();
                }

                LeaveInner();
                _gate.WriterIdle(true);
                if (Nap())
                {
                    continue;
                }

                if (_segments?.TryMarkWriterWaiting() == false)
                {
                    // Records came into the open segment after the nap's last look: taken instead of waiting.
                    continue;
                }

                if (!QueueSteps.WaitToRead(reader))
                {
#if DEBUG
                    if (QueueSteps.Seeded(QueueFault.WriterIgnoresEnd))
                    {
                        continue;
                    }
#endif

                    // Completed and empty: every record and every barrier was taken. A caller that took a barrier out
                    // to make room (DropOldest) and then had its own record refused left a flush that one more inner
                    // flush completes (found by QueueProtocolModelTests).
                    if (_barriers.HasReached && _use.TryEnter())
                    {
                        FlushInnerAndCompleteBarriers();
                        LeaveInner();
                    }

                    return;
                }
            }
        }
        finally
        {
            // A writer that ends inside (a throw it did not expect) still closes the sink a close handed to it.
            LeaveInner();

            // Nobody waits on a completed queue, so the mark means nothing now: cleared, an ended writer is one state
            // whichever way it ended (the queue model search, tests/Provider.Tests/Queue/Model, merges them).
            _gate.WriterIdle(false);
            _ended.TrySetResult();
            QueueSteps.Leave();
        }
    }

    /// <summary>
    /// The writer is done with <paramref name="record"/>. A method of its own: a Debug build keeps the companion a `?.`
    /// reads in a hidden local of the method it is in, and through it the record, until that method ends.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void LetGo(LogRecord record) => record.Companion?.ReleaseReference();

    /// <summary>
    /// The writer's calls into the inner sink are done for now: if the queue's close came meanwhile and was handed over,
    /// the writer closes the inner sink here, right after its last call returned.
    /// </summary>
    private void LeaveInner()
    {
        if (!_use.Leave())
        {
            return;
        }

        try
        {
            _inner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // A sink that fails to close is reported; the writer ends as it would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.RecordFailed(ex, records: 0);
        }
        finally
        {
            _use.SetClosed();
        }
    }

    /// <summary>The inner sink was closed after dispose gave up: the records still in the channel (or the writer's burst), counted as dropped then, are let go.</summary>
    private void ReleaseAbandoned()
    {
        while (ReadOne(out var item))
        {
            if (item is LogRecord record && !ReferenceEquals(record, FlushBarriers.Marker))
            {
                record.Companion?.ReleaseReference();
            }
        }
    }

    /// <summary>
    /// The previous generation's queue on this output drains first (bounded by its dispose; see <see cref="StartAfter"/>).
    /// Writer only.
    /// </summary>
    private void AwaitPredecessor()
    {
        if (_startAfter is { } predecessor)
        {
            QueueSteps.WaitFor(predecessor);
            _startAfter = null;
        }
    }

    private bool ReadOne(out object item)
    {
        QueueSteps.Step("writer.read");
        if (!_burst.TryTake(out item))
        {
            return false;
        }

        Tally(item, -1);
        return true;
    }

    /// <summary>
    /// Writes the records of a segment (a file's or a syslog connection's queue), each taken, counted and written as a record of the channel is (see
    /// the loop above): a give-up in the middle of a segment counted the rest as dropped, and their takes fail.
    /// </summary>
    private void WriteSegment(RenderedSegment segment)
    {
        _inHands = segment;
        while (_inHandsNext < segment.Count)
        {
            WriteRendered(segment, _inHandsNext++);
        }

        (_inHands, _inHandsNext) = (null, 0);
        _segments!.Return(segment);
    }

    /// <summary>
    /// Writes the records of several lanes' segments handed over at once, in the order of their tickets (see
    /// <see cref="SegmentCut"/>), each as <see cref="WriteSegment"/> writes a segment's.
    /// </summary>
    private void WriteCut(SegmentCut cut)
    {
        while (cut.TryTakeNext(out var segment, out var index))
        {
            WriteRendered(segment, index);
        }

        foreach (var segment in cut.Segments)
        {
            _segments!.Return(segment);
        }
    }

    /// <summary>One record of a segment, taken, counted and written as a record of the channel is.</summary>
    private void WriteRendered(RenderedSegment segment, int index)
    {
        _taken++;
        if (!_counters.Take())
        {
            return;
        }

        if (Mode == QueueFullMode.Wait)
        {
            _gate.SignalOne();
        }

        AwaitPredecessor();
#if DEBUG
        BeforeInnerWrite?.Invoke();
#endif
        try
        {
            _segments!.Sink.AppendRendered(segment.Record(index), segment.Timestamp(index), _abort.Token);
        }
#pragma warning disable CA1031 // A failing sink is reported and keeps going, as for a record (WriteOne).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.RecordFailed(ex);
        }

        _counters.Wrote(++_written);
    }

    private void WriteOne(LogRecord record)
    {
#if DEBUG
        BeforeInnerWrite?.Invoke();
#endif
        try
        {
            var pending = _inner.WriteAsync(record, _abort.Token);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }

            if (!_inner.CountsOwnWrites)
            {
                Stats.AddWritten();
            }
        }
#pragma warning disable CA1031 // A failing sink is reported and keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.RecordFailed(ex);
        }
    }

    /// <summary>Flushes the inner sink, then completes the flushes whose barriers were reached before it.</summary>
    private void FlushInnerAndCompleteBarriers()
    {
        var reached = _barriers.ReachedSoFar;
#if DEBUG
        BeforeInnerFlush?.Invoke();
        if (QueueSteps.Seeded(QueueFault.FlushBeforeInnerFlush))
        {
            _barriers.Complete(reached);
        }
#endif
        try
        {
            _inner.FlushAsync(_abort.Token).GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // A failing flush is reported and keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.RecordFailed(ex, records: 0);
        }

        _barriers.Complete(reached);
    }

    /// <summary>
    /// After the queue ran empty and the sink was flushed: naps <see cref="NapLength"/> at a time, up to <see cref="NapCount"/>
    /// times, while nothing arrives, and returns true as soon as records wait. A writer faster than its callers would
    /// otherwise run dry after every record or two and keep reaching into the cache lines the callers write; napping,
    /// it lets them fill the queue undisturbed and then takes a batch. A caller never pays to wake it, except one that
    /// finds the queue full (or flushes), which wakes it at once: a small queue would otherwise fill in far less than
    /// the nap and hold its callers to a record a nap. Only a writer idle for the whole nap parks. Records in a
    /// queue's open segment end a nap only once they are half the queue (<see cref="OpenSegmentIsDue"/>); below that
    /// the writer takes them when the nap ends.
    /// </summary>
    private bool Nap()
    {
        for (var i = 0; i < QueueSteps.Naps(NapCount); i++)
        {
            QueueSteps.Step("writer.nap-look-closed");
            if (_gate.IsClosed)
            {
                return _hasWork();
            }

            _gate.Nap(NapLength, _mustNotNap);
            QueueSteps.Step("writer.nap-look-work");
            if (_hasWork())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when records wait in the open segment of a queue of segments and they are half the queue or more: the writer
    /// takes them at once rather than after its nap. Below that it leaves the segment to its callers until the nap ends:
    /// a writer that took the open segment each time it ran dry took it every record or two, and each time took the
    /// segments' lock and the lines the callers write away from their core (docs/benchmarks.md, "What makes the hot path
    /// cheap").
    /// </summary>
    private bool OpenSegmentIsDue => _segments is { HasOpenRecords: true } && _counters.Queued >= Math.Max(1, Capacity / 2);

    /// <summary>Reports drops in the sink (at most once a second) and on stderr (once a minute).</summary>
    private void ReportDrops()
    {
        if (!_drops.HasNews)
        {
            return;
        }

        // Drops are news only after a caller of this queue found it full, and callers reach a queue only after a reload
        // set its StartAfter: read after the news, the predecessor is seen. The report reaches the shared output, so the
        // old generation drains first, as for a record (the writer may have looked for a predecessor before StartAfter came).
        AwaitPredecessor();
        var (inBand, stderr) = _drops.Due(Name, Capacity, Mode);
        if (stderr is not null)
        {
            Errors.Report(stderr);
        }

        if (inBand is null)
        {
            return;
        }

        try
        {
            var now = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _time.LocalTimeZone);
            // The process and thread ids as every captured record has them (a syslog header's PROCID, the JSON "process").
            var report = new LogRecord(now, LogLevel.Warning, "LoguStyle", inBand)
            {
                ProcessId = Environment.ProcessId,
                ThreadId = Environment.CurrentManagedThreadId,
                IsSinkReport = true,
            };
            var pending = _inner.WriteAsync(report, _abort.Token);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }
#pragma warning disable CA1031 // The report is best effort; the sink's failure is reported, and no logged record was lost.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Errors.RecordFailed(ex, records: 0);
        }
    }
}
