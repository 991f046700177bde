using System.Threading.Channels;
using LoguStyle.Sinks;

namespace LoguStyle.Queue;

/// <summary>
/// Puts a queue of bounded length and one background writer in front of a sink (Loguru's <c>enqueue=True</c>): a
/// decorator with the inner sink's name, level, filters and counts. The caller only captures the record; the writer
/// writes records in the order they were accepted and flushes the inner sink whenever the queue runs empty. When the
/// queue is full the caller waits (<see cref="QueueFullMode.Wait"/>) or a record is dropped, counted and reported.
/// </summary>
/// <remarks>
/// The bound is kept by <see cref="QueueCounters"/>, not by <c>Channel.CreateBounded</c>: a bounded channel takes one
/// lock for every write and every read, so the callers and the writer, on different cores, pass that lock back and forth
/// for each record. An unbounded single-reader channel lets the writer read without a lock. The pieces: the counts and
/// their invariant (<see cref="QueueCounters"/>), waiting for room (<see cref="RoomGate"/>), flush by position
/// (<see cref="FlushBarriers"/>), drop reports (<see cref="DropReporter"/>), the writer loop (QueuedSink.Writer.cs),
/// the end: drain, dispose, give-up (QueuedSink.Close.cs).
/// </remarks>
internal partial class QueuedSink : Sink
{
    /// <summary>The default number of records a queue holds.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>How long <see cref="DisposeAsync()"/> waits for the queue to drain, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a caller whose write the exit's completion refused waits for the give-up's count (see AwaitGiveUpCount):
    /// the give-up counts once the waiters it woke have left (<see cref="WaitersLeave"/> at most) and the DropOldest
    /// callers taking a record out are done (microseconds); this leaves as much again for a give-up without a core.
    /// </summary>
    internal static readonly TimeSpan GiveUpCountAwaited = TimeSpan.FromMilliseconds(500);

    private readonly Sink _inner;
    private readonly Channel<object> _channel;

    // A queue in front of a file or a syslog connection (IFormatsAhead) but DropOldest: its callers format their records
    // into segments of bytes that go through the channel (see RenderedSegments); null for every other queue, whose
    // records go through the channel themselves.
    private readonly RenderedSegments? _segments;
    private readonly TimeProvider _time;
    private readonly QueueCounters _counters;
    private readonly RoomGate _gate;
    private readonly FlushBarriers _barriers = new();
    private readonly DropReporter _drops;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<bool> _hasRoom;
    private readonly Func<bool> _roomForMore;
    private readonly Func<bool> _roomForBatch;
    private readonly Func<bool> _hasWork;

    // What ends the writer's nap before its time (see Nap): the channel's items; for a queue of segments also the open
    // segment, once half the queue waits in it (a caller that finds the queue full is past that, so it is never left
    // waiting for a nap to end).
    private readonly Func<bool> _mustNotNap;

    // The inner sink's own queues (a Syslog sink's connections), which callers go straight into; null for any other sink.
    private volatile bool _abandoned;

    // The first give-up (AbandonAsync), which alone counts what is left; a second one awaits it.
    private Task? _abandoning;

    // Why the queue refuses records, when the exit's drain gave up on it: the once-a-minute line names that, not the
    // channel's "The channel has been closed".
    private string? _refusedBecause;

    // DropOldest callers taking a record out right now: dispose, giving up, waits for them (see AbandonAsync).
    private int _removing;

    // Wait-mode callers whose records were dropped because waiting stopped (dispose or reload), for the report.
    private long _droppedWaiting;

    // Wait-mode callers between finding the queue full and settling their record (MakeRoom).
    private int _inWait;

    // True once the host began to stop: its own records wait for room briefly (HostStopBegan).
    private volatile bool _hostStopBegan;

    // Of those, the callers that found the gate open and went into the room wait: once a give-up closes the gate, the
    // callers it let go. A call after the close, refused at once, is in _inWait for a moment and never in this count.
    private int _inRoomWait;

    // Set (under its lock, with a pulse) by the caller that leaves _inWait at 0 once the gate is closed: the exit's give-up
    // waits for it (WaitersLeftWithinSpin, WaitForWaitersLeft). A monitor, not a task: a task's timeout and continuations need a pool
    // thread, and at exit the pool may be starved.
    private readonly object _waitersLeftLock = new();
    private bool _waitersLeft;

    // The exit's give-up: set before it completes the channel, and once it has counted what is left (or found the queue
    // ended). A caller whose write the completed channel refuses in between waits for the count (see AwaitGiveUpCount).
    private volatile bool _exitGivingUp;
    private volatile bool _giveUpCounted;

    // Completed by the give-up once it has counted what is left (see AbandonAsync).
    private readonly TaskCompletionSource _counted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Task? _startAfter;

    public QueuedSink(Sink inner, TimeProvider time, int capacity = DefaultCapacity, QueueFullMode mode = QueueFullMode.Wait)
        : base(inner)
    {
        _inner = inner;
        _time = time;
        Mode = mode;
        _counters = new QueueCounters(capacity);
        _gate = new RoomGate(() => _counters.Taken);
        _drops = new DropReporter(time);
        _hasRoom = () => _counters.HasRoom;
        _roomForMore = () => _counters.Queued < _counters.Capacity - 1;

        // What a caller that found the queue full waits for awake (RoomGate.SpinForRoom): an eighth of the queue, up to
        // 256 records, enough that it logs a few hundred records before it finds the queue full again.
        var batch = Math.Clamp(capacity / 8, 1, 256);
        _roomForBatch = () => _counters.HasRoomFor(batch);
        _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions
        {
            // DropOldest: a caller takes the oldest record out itself to make room.
            SingleReader = mode != QueueFullMode.DropOldest,
            SingleWriter = false,
            AllowSynchronousContinuations = true,
        });
        _burst = new ChannelBurst(_channel.Reader, sharedWithCallers: mode == QueueFullMode.DropOldest);
        _segments = inner is IFormatsAhead formats && mode != QueueFullMode.DropOldest ? new RenderedSegments(_channel.Writer, formats, RenderedSegments.LanesForThisMachine) : null;
        _hasWork = _segments is { } segments
            ? () => _channel.Reader.TryPeek(out _) || segments.HasOpenRecords
            : mode == QueueFullMode.DropOldest
                // Counted, not peeked: a peek at the queue of a channel with several readers keeps every record taken out
                // of that part of its queue referenced until the part is let go (see ChannelBurst.TryTake).
                ? () => _channel.Reader.Count != 0
                : () => _channel.Reader.TryPeek(out _);
        _mustNotNap = _segments is null ? _hasWork : () => _channel.Reader.TryPeek(out _) || OpenSegmentIsDue;
        Stats.QueueLength = () => (int)Math.Clamp(_counters.Queued, 0, capacity);
        _loop = QueueSteps.StartWriter(Run);

        // After a give-up the writer still counts the record a stuck sink returns with: the meter reads on until it ends.
        Stats.Settled = () => _loop.IsCompleted;
    }

    public int Capacity => _counters.Capacity;

    /// <summary>
    /// This queue's share of its sink, when it is one of the sink's lanes (<see cref="IQueueLanes"/>), as its drop lines
    /// name it; null for a sink's own queue.
    /// </summary>
    internal string? LaneShare
    {
        get => _drops.Share;
        init => _drops.Share = value;
    }

    /// <summary>
    /// Which of its sink's lanes this queue is (<c>connection 2 of 3</c>), so the lines of its end tell the lanes apart;
    /// null for a sink's own queue.
    /// </summary>
    internal string? LaneName { get; init; }

    public QueueFullMode Mode { get; }

    /// <summary>The sink this queue feeds.</summary>
    public Sink Inner => _inner;

    /// <summary>The queue's counts (for tests and the invariant).</summary>
    internal QueueCounters Counters => _counters;

    /// <summary>Callers asleep for room in this queue now (Wait mode; for tests that wait until a caller waits).</summary>
    internal int CallersAsleepForRoom => _gate.Sleeping;

    /// <summary>
    /// True once the writer has nothing left to do (queue empty, drops reported, sink flushed) until it wakes for more
    /// (for tests: a flush completes before the writer's look at the drops when the queue runs empty).
    /// </summary>
    internal bool WriterIsIdle => _gate.IsWriterIdle;

    /// <summary>Wait-mode callers between finding the queue full and settling their record now (for tests).</summary>
    internal int CallersInWait => Volatile.Read(ref _inWait);

    /// <summary>
    /// Wait-mode callers still in the room wait of this queue, and of the queues behind it (a Syslog sink's connections),
    /// once closed: let go, their records dropped and counted, and not yet out. 0 while open. A call that comes after the
    /// close is refused at once and is not among them.
    /// </summary>
    internal virtual long CallersLeavingClosedRoom => _gate.IsClosed ? Volatile.Read(ref _inRoomWait) : 0;

    /// <summary>Flushes the writer (or the give-up) completed so far (for the scheduled tests).</summary>
    internal long FlushesCompleted => _barriers.CompletedCount;

#if DEBUG
    // Records in the channel, flush markers left out (a single-reader channel cannot count): for the scheduled tests.
    private long _recordsInChannel;

    /// <summary>Records in the channel now, for a test that holds every thread still (Debug builds only).</summary>
    internal long RecordsInChannel => Volatile.Read(ref _recordsInChannel);
#endif

    public override bool UsesScopes => _inner.UsesScopes;

    public override bool UsesProperties => _inner.UsesProperties;

    public override bool HandsRecordsToUserCode => _inner.HandsRecordsToUserCode;

    /// <summary>True when the inner sink keeps no record, so records it receives can be pooled.</summary>
    public bool PoolSafe => !_inner.RetainsRecords;

    /// <summary>The segments a file's or a syslog connection's queue's callers format into; null for a queue of records (for tests).</summary>
    internal RenderedSegments? Segments => _segments;

    /// <summary>
    /// False for a queue in front of a file, whose callers format their records before the call returns (see
    /// <see cref="RenderedSegments"/>): the record goes back to its thread at once, as for a direct sink.
    /// </summary>
    public override bool RetainsRecords => _segments is null;

    /// <summary>How long <see cref="DisposeAsync()"/> waits for the queue to drain before it gives up and reports.</summary>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    /// <summary>Completes when the writer has ended (the queue drained after dispose), or dispose gave up on it.</summary>
    public virtual Task Ended => _ended.Task;

    /// <summary>Completes when this queue's own writer has ended, or dispose gave up on it.</summary>
    protected Task WriterEnded => _ended.Task;

    /// <summary>True once the queue is completed (disposed, or the exit's drain): every later call is refused.</summary>
    protected bool IsClosed => _gate.IsClosed;

    protected internal override bool CountsOwnWrites => true;

    /// <summary>
    /// Holds this queue's writer until <paramref name="predecessor"/> completes: the previous generation's queue on the
    /// same file drains first, so each thread's records stay in order across a reload. Set before any record arrives.
    /// </summary>
    public virtual void StartAfter(Task predecessor) => _startAfter = predecessor;

    // Hot path: a read of a rarely written count, one increment, a read of the writer's published count, a channel
    // write. The record is formatted on the writer unless the writer has fallen behind.
    protected override void Write(LogRecord record)
    {
        var ticket = _counters.TakeTicket(out var goneBefore);
        if (_segments is null && _counters.IsBehind(ticket, goneBefore))
        {
            PreRender(record);
        }

        record.Companion?.AddReference();
        var room = RoomOutcome.Queued;
        if (_counters.IsFull(ticket, goneBefore))
        {
            (room, ticket) = MakeRoom(record, ticket, goneBefore);
            if (room == RoomOutcome.Dropped)
            {
                return;
            }
        }

        if (!TryWriteToChannel(record, room, ticket))
        {
            if (room == RoomOutcome.QueuedAfterWait)
            {
                // It waited for room while the queue was open, found room, and the queue was completed just before its
                // write: dropped as a caller still waiting then is, not refused.
                DropWaiting(record, ticket);
                LeaveRoomWait();
                return;
            }

            // The queue is being disposed: the record is refused, counted apart, and reported as the sink's failure;
            // unless dispose gave up after this caller took its ticket, and counted the record as dropped then. A caller
            // that found the queue full and already completed is a call after it, and does not wait for the count.
            record.Companion?.ReleaseRefused();
            if (room != RoomOutcome.Refused)
            {
                AwaitGiveUpCount();
            }

            if (_counters.Refuse(ticket))
            {
                throw Volatile.Read(ref _refusedBecause) is { } because ? new ChannelClosedException(because) : new ChannelClosedException();
            }

            // Counted as dropped by the give-up, and not in the channel: the Debug tally must not count it either.
            return;
        }

        if (room == RoomOutcome.QueuedAfterWait)
        {
            LeaveRoomWait();
        }

        Tally(record, +1);
    }

    /// <summary>
    /// The channel write. It can throw: <see cref="Thread.Interrupt"/> is delivered where the caller waits for the
    /// channel's lock. The record is then not queued and the sink reports the exception as its error: its ticket is given
    /// back (as a wait that throws gives it back, see MakeRoom), and a caller that waited for room leaves that wait. Kept
    /// otherwise, the ticket stayed among the records a give-up counts as queued, and the caller among those a later
    /// exit's give-up waits for (its whole WaitersLeave) and says had not left the wait.
    /// </summary>
    private bool TryWriteToChannel(LogRecord record, RoomOutcome room, long ticket)
    {
        try
        {
            QueueSteps.Step("write.channel");
            return _segments?.TryAppend(record, ticket) ?? _channel.Writer.TryWrite(record);
        }
        catch
        {
            record.Companion?.ReleaseRefused();
            if (_counters.Withdraw(ticket) && Mode == QueueFullMode.Wait)
            {
                // The place it held is free: a caller asleep for room may take it (as a drop frees one, see MakeRoom).
                _gate.SignalOne();
            }

            if (room == RoomOutcome.QueuedAfterWait)
            {
                LeaveRoomWait();
            }

            throw;
        }
    }

    /// <summary>
    /// The exit's give-up completed the channel under this caller, whose write it refused: the caller waits until the
    /// give-up has counted what is left. Its ticket, taken before that count, is then among the records the give-up
    /// counts as queued (a caller half way through its write), and <see cref="QueueCounters.Refuse"/> says so. Refused
    /// before the count, it was the sink's error beside a give-up line that left it out (a DropOldest caller that had
    /// just taken the oldest record out to make room). The give-up counts once the waiters it woke have left and
    /// the callers taking a record out are done (not this one), so the wait is short; bounded all the same
    /// (<see cref="GiveUpCountAwaited"/>), since it is inside a logging call: a caller that stops waiting counts its record
    /// as refused, and a give-up that counts later leaves it out (each record is settled once, by whichever side comes
    /// first, see <see cref="QueueCounters.Refuse"/>). A dispose's drain is not an exit's give-up: a call it refuses while
    /// it drains is refused.
    /// </summary>
    private void AwaitGiveUpCount()
    {
        if (!_exitGivingUp)
        {
            return;
        }

        var deadline = Environment.TickCount64 + (long)GiveUpCountAwaited.TotalMilliseconds;
        var spin = new SpinWait();
        while (!_giveUpCounted && Environment.TickCount64 < deadline)
        {
            QueueSteps.Spin(ref spin, "write.await-give-up");
        }
    }

    /// <summary>
    /// A Wait-mode caller has settled its record. The last one out of a closed gate tells the exit's give-up, which waits
    /// for the callers its close woke (WaitersLeftWithinSpin, WaitForWaitersLeft). The decrement is a full fence and the close writes the
    /// gate's flag before the give-up reads the count (a full fence there too): either this caller sees the gate closed
    /// and signals, or the give-up sees the count at 0 and does not wait.
    /// </summary>
    private void LeaveWait()
    {
        if (Interlocked.Decrement(ref _inWait) == 0 && _gate.IsClosed)
        {
            lock (_waitersLeftLock)
            {
                _waitersLeft = true;
                Monitor.PulseAll(_waitersLeftLock);
            }
        }
    }

    /// <summary>A Wait-mode caller that went into the room wait has settled its record.</summary>
    private void LeaveRoomWait()
    {
        Interlocked.Decrement(ref _inRoomWait);
        LeaveWait();
    }

    /// <summary>
    /// A Wait-mode caller that waited for room and did not queue its record: dropped, counted and reported, unless the
    /// give-up counted it already (<paramref name="ticket"/> -1, or settled by it: it then counts nothing more).
    /// </summary>
    private void DropWaiting(LogRecord record, long ticket)
    {
        if (ticket >= 0 && _counters.DropAtEntry(ticket))
        {
            Interlocked.Increment(ref _droppedWaiting);
            Drop(record);
        }
        else
        {
            record.Companion?.ReleaseReference();
        }
    }

    /// <summary>Completes the channel: every later record is refused (the open segment of a queue of segments goes in first).</summary>
    private void CompleteChannel()
    {
        if (_segments is { } segments)
        {
            segments.Complete();
        }
        else
        {
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Counts a record into or out of the channel, for <c>RecordsInChannel</c> (Debug builds only).</summary>
    [System.Diagnostics.Conditional("DEBUG")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "It reads the instance's count in Debug builds; a Release build compiles its body away.")]
    private void Tally(object item, int change)
    {
#if DEBUG
        if (item is RenderedSegment segment)
        {
            Interlocked.Add(ref _recordsInChannel, change * segment.Count);
        }
        else if (item is SegmentCut cut)
        {
            Interlocked.Add(ref _recordsInChannel, change * cut.Count);
        }
        else if (!ReferenceEquals(item, FlushBarriers.Marker))
        {
            Interlocked.Add(ref _recordsInChannel, change);
        }
#endif
    }

    /// <summary>
    /// The writer has fallen behind: format here, so the writer only copies bytes. With two cores shared by the
    /// callers and the writer, this keeps a queued sink near the speed of a direct one instead of the writer's. A sink
    /// that cannot take a formatted line (console, text delegates) gets its message rendered here at least.
    /// </summary>
    private void PreRender(LogRecord record)
    {
        try
        {
            if (!_inner.TryPreRender(record))
            {
                _ = record.Message;
            }
        }
#pragma warning disable CA1031 // Only a head start: the writer formats the record itself if this failed.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// The queue is full: says what the caller does with <paramref name="record"/> (see <see cref="RoomOutcome"/>), and
    /// the ticket to queue it under (a waiting caller takes a new one; -1 when it was dropped).
    /// </summary>
    private (RoomOutcome Outcome, long Ticket) MakeRoom(LogRecord record, long ticket, long goneBefore)
    {
        // A caller that finds the queue full must not leave the writer napping.
        _gate.WakeWriter();
        switch (Mode)
        {
            case QueueFullMode.DropOldest:
                RemoveOldest(ticket, goneBefore);
                return (RoomOutcome.Queued, ticket);
            case QueueFullMode.Wait when !QueueWriterMark.IsWriter:
                // A caller that comes while the queue is open is counted until its record is settled: the exit's give-up
                // waits for the waiting callers it woke to count their drops before the drain reports them (see
                // EndAtExitAsync). Counted before the look at the gate, which the give-up closes before it reads the
                // count (a full fence on each side): either the caller sees the gate closed, or the give-up sees it.
                Interlocked.Increment(ref _inWait);
                QueueSteps.Step("room.count-in-wait");
                if (_gate.IsClosed)
                {
                    // A call after the queue was completed: refused under the ticket it holds. Giving it back and taking
                    // another, as a wait does, would hold a ticket open longer for a give-up to count as queued.
                    LeaveWait();
                    return (RoomOutcome.Refused, ticket);
                }

                Interlocked.Increment(ref _inRoomWait);
                RoomOutcome outcome;
                try
                {
                    outcome = WaitForRoom(ref ticket, WaitEndFor(record));
                }
                catch
                {
                    // The wait threw (Thread.Interrupt in Monitor.Wait). The caller holds no ticket then (given back
                    // before the wait, taken again after it): its record is nowhere in the counts, and the sink reports
                    // the exception as its error. Uncounted here, it stayed in _inWait for good, and every later exit's
                    // give-up waited its whole WaitersLeave for a caller that had gone.
                    record.Companion?.ReleaseRefused();
                    LeaveRoomWait();
                    throw;
                }

                if (outcome != RoomOutcome.Dropped)
                {
                    return (outcome, ticket);
                }

                // Waiting stopped (dispose, reload, or the queue completed while it waited) before there was room:
                // dropped, counted and reported; or dispose gave up meanwhile and counted it (ticket -1: given back and
                // settled then).
                DropWaiting(record, ticket);
                LeaveRoomWait();
                return (RoomOutcome.Dropped, -1);
            default:
                if (_gate.IsClosed)
                {
                    // Completed (disposed, or given up): the channel write that follows refuses the record, and it is
                    // counted as refused, as a call after dispose is in every mode; not as a drop of a full queue. After a
                    // give-up the counts still show the records it counted as queued, so every later call found the
                    // queue full and was counted as dropped.
                    return (RoomOutcome.Queued, ticket);
                }

                // DropWrite; or Wait, logged from inside a writer (a delegate sink that logs, also after an await):
                // waiting could wait for itself, so the record is dropped, counted and reported instead.
                if (!_counters.DropAtEntry(ticket))
                {
                    record.Companion?.ReleaseReference();
                    return (RoomOutcome.Dropped, -1);
                }

                if (Mode == QueueFullMode.Wait)
                {
                    // Its ticket counted as queued, and a caller may have gone to sleep on it: the drop frees that place,
                    // and the sink this writer is in may stay busy long after (found by QueueProtocolModelTests).
                    _gate.SignalOne();
                }

                Drop(record);
                return (RoomOutcome.Dropped, -1);
        }
    }

    /// <summary>
    /// Wait mode: the caller gives its ticket back, waits until the writer has made room, and takes a new ticket; each
    /// try is a whole ticket under the room rule, so callers woken together cannot overshoot the capacity.
    /// The caller came while the queue was open (a call after it was completed does not wait, see
    /// <see cref="RoomOutcome.Refused"/>): when the exit gives the queue up while it waits, its record was accepted before
    /// the give-up and is counted as dropped, not refused (the channel is completed before the gate closes, so the
    /// channel would refuse it anyway).
    /// <see cref="RoomOutcome.QueuedAfterWait"/> when the record fits under <paramref name="ticket"/>;
    /// <see cref="RoomOutcome.Dropped"/> when waiting stopped (<see cref="StopWaitingAt"/>) and there is still no room,
    /// when the queue was completed while the caller waited (its record is dropped, as the waiting callers of a dispose or
    /// a reload are), or when dispose gave up and counted the record before it was given back (then
    /// <paramref name="ticket"/> is -1). The caller settles a dropped record (see <see cref="DropWaiting"/>).
    /// </summary>
    /// <param name="ticket">The caller's ticket; the one its record may be queued under on return.</param>
    /// <param name="stopAt">When the caller stops waiting whatever the rules (<see cref="WaitEndFor"/>).</param>
    private RoomOutcome WaitForRoom(ref long ticket, long stopAt)
    {
        while (true)
        {
            if (!_counters.Withdraw(ticket))
            {
                ticket = -1;
                return RoomOutcome.Dropped;
            }

            _gate.SpinForRoom(_roomForBatch);
            var hadRoom = _gate.WaitForRoom(_hasRoom, _roomForMore, stopAt);
            ticket = _counters.TakeTicket(out var goneBefore);
            var full = _counters.IsFull(ticket, goneBefore);
            if (_gate.IsClosed)
            {
                return RoomOutcome.Dropped;
            }

            if (!full)
            {
                // Open now, so open when the caller came (the gate never opens again).
                return RoomOutcome.QueuedAfterWait;
            }

            if (!hadRoom)
            {
                return RoomOutcome.Dropped;
            }
        }
    }

    /// <summary>
    /// The host began to stop: from now on the host's own records (<see cref="HostStopWrites.IsHostRecord"/>) wait for
    /// room in a full queue <see cref="HostStopWrites.Floor"/> at most, then are dropped (counted, reported). The host
    /// logs them on the thread that runs its stop, and two of them bracket its shutdown timeout: at Debug,
    /// <c>StopAsync</c> logs "Hosting stopping" before it starts its clock and "Hosting stopped" after the clock ran out.
    /// A full queue whose writer makes progress, slowly, held either as long as the stuck rule allows (half the timeout
    /// without progress), and so the stop past its timeout (an outside run: 0.6-0.9 s past a 2 s and a 5 s timeout).
    /// </summary>
    public void HostStopBegan() => _hostStopBegan = true;

    // When a caller stops waiting for room whatever the rules: a record of the host's once its stop began (see
    // HostStopBegan), long.MaxValue for any other.
    private long WaitEndFor(LogRecord record) =>
        _hostStopBegan && HostStopWrites.IsHostRecord(record) ? Environment.TickCount64 + (long)HostStopWrites.Floor.TotalMilliseconds : long.MaxValue;

    /// <summary>
    /// Dispose or reload: callers that find the queue full wait for room until <paramref name="tick"/>
    /// (<see cref="Environment.TickCount64"/>) at the latest, then drop their record (counted on the meter, reported).
    /// </summary>
    public virtual void StopWaitingAt(long tick) => _gate.StopWaitingAt(tick);

    /// <summary>
    /// A host's stop: callers that find the queue full leave, dropping their record (counted, reported), once the writer,
    /// awake, has taken no record for <paramref name="milliseconds"/>; a queue that drains, or whose writer was idle until
    /// they came, keeps them waiting.
    /// </summary>
    public virtual void StopWaitingIfStuckFor(long milliseconds) => _gate.StopWaitingIfStuckFor(milliseconds);

    /// <summary>DropOldest: takes records out of the head of the queue until this caller's record fits.</summary>
    private void RemoveOldest(long ticket, long goneBefore)
    {
        var spin = new SpinWait();
        while (_counters.IsFull(ticket, goneBefore))
        {
            // Counted before the look at the gate: dispose, giving up after it closed the gate, waits until no caller is
            // here, and then knows every record taken out was counted (a full fence on each side).
            QueueSteps.Step("remove-oldest.count-remover");
            Interlocked.Increment(ref _removing);
            try
            {
                QueueSteps.Step("remove-oldest.look-at-gate");
                if (_gate.IsClosed)
                {
                    // Completed: this caller's record is refused anyway; taking one out would lose a second.
                    return;
                }

                QueueSteps.Step("remove-oldest.read");
                if (TakeOldest(out var oldest))
                {
                    if (ReferenceEquals(oldest, FlushBarriers.Marker))
                    {
                        // Everything ahead of this flush was taken: the writer completes it after its next inner flush.
                        _barriers.Reached();
                        continue;
                    }

                    Tally(oldest, -1);
                    _counters.Remove();
                    Drop(oldest);
                }
                else
                {
                    // Callers ahead of this one are between their ticket and their channel write.
                    QueueSteps.Spin(ref spin, "remove-oldest.spin");
                }
            }
            finally
            {
                QueueSteps.Step("remove-oldest.uncount-remover");
                Interlocked.Decrement(ref _removing);
            }
        }
    }

    // DropOldest: the channel holds records only (no segments, see RenderedSegments).
    private bool TakeOldest(out LogRecord oldest)
    {
        object? item;
#if DEBUG
        if (QueueSteps.Seeded(QueueFault.RemoveOldestPeeks))
        {
            var peeked = _channel.Reader.TryPeek(out item);
            oldest = (LogRecord)item!;
            return peeked;
        }
#endif
        var taken = _channel.Reader.TryRead(out item);
        oldest = (LogRecord)item!;
        return taken;
    }

    private void Drop(LogRecord record)
    {
        record.Companion?.ReleaseReference();
        Stats.AddDropped();
        _drops.Count();
    }

    /// <summary>
    /// A lane's write for the queue in front of it (<see cref="IQueueLanes.Enqueue"/>): a refusal or failure is thrown to
    /// the front, whose own failure path counts it, or hands a late call on to the reload's next generation; counted
    /// here, in the lane, which no reload hands on from, it would be the sink's error and the record lost.
    /// </summary>
    internal void WriteFromFront(LogRecord record) => Write(record);

    internal override void Stopping() => _inner.Stopping();

    /// <summary>
    /// Returns when every record accepted before the call was written (or counted as dropped) and the inner sink was
    /// flushed since: a barrier behind them in the queue, completed by the writer.
    /// </summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if ((_segments is { } segments ? segments.AddBarrier(_barriers) : _barriers.Add(_channel.Writer)) is not { } barrier)
        {
            // Completed: the writer flushes once more when it has drained the queue; in front of lanes, each lane's does.
            return Ended.WaitAsync(cancellationToken);
        }

        _gate.WakeWriter();
        return barrier.WaitAsync(cancellationToken);
    }

    /// <summary>The writer runs the inner sink's flush each time the queue runs empty (see the writer's loop).</summary>
    protected virtual bool FlushesWhenEmpty => true;
}
