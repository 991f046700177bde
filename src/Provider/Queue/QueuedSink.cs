using System.Globalization;
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
/// (<see cref="FlushBarriers"/>), drop reports (<see cref="DropReporter"/>), the writer loop (QueuedSink.Writer.cs).
/// </remarks>
internal sealed partial class QueuedSink : Sink
{
    /// <summary>The default number of records a queue holds.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>How long <see cref="DisposeAsync()"/> waits for the queue to drain, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Sink _inner;
    private readonly Channel<LogRecord> _channel;
    private readonly TimeProvider _time;
    private readonly QueueCounters _counters;
    private readonly RoomGate _gate = new();
    private readonly FlushBarriers _barriers = new();
    private readonly DropReporter _drops;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<bool> _hasRoom;
    private readonly Func<bool> _halfEmpty;
    private readonly Func<bool> _hasWork;
    private volatile bool _abandoned;
    private volatile Task? _startAfter;

    public QueuedSink(Sink inner, TimeProvider time, int capacity = DefaultCapacity, QueueFullMode mode = QueueFullMode.Wait)
        : base(inner)
    {
        _inner = inner;
        _time = time;
        Mode = mode;
        _counters = new QueueCounters(capacity);
        _drops = new DropReporter(time);
        _hasRoom = () => _counters.HasRoom;
        _halfEmpty = () => _counters.Queued <= _counters.Capacity / 2;
        _channel = Channel.CreateUnbounded<LogRecord>(new UnboundedChannelOptions
        {
            // DropOldest: a caller takes the oldest record out itself to make room.
            SingleReader = mode != QueueFullMode.DropOldest,
            SingleWriter = false,
            AllowSynchronousContinuations = true,
        });
        _hasWork = () => _channel.Reader.TryPeek(out _);
        Stats.QueueLength = () => (int)Math.Clamp(_counters.Queued, 0, capacity);
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public int Capacity => _counters.Capacity;

    public QueueFullMode Mode { get; }

    /// <summary>The sink this queue feeds.</summary>
    public Sink Inner => _inner;

    /// <summary>The queue's counts (for tests and the invariant).</summary>
    internal QueueCounters Counters => _counters;

    public override bool UsesScopes => _inner.UsesScopes;

    public override bool UsesProperties => _inner.UsesProperties;

    /// <summary>True when the inner sink keeps no record, so records it receives can be pooled.</summary>
    public bool PoolSafe => !_inner.RetainsRecords;

    /// <summary>How long <see cref="DisposeAsync()"/> waits for the queue to drain before it gives up and reports.</summary>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    /// <summary>Completes when the writer has ended (the queue drained after dispose), or dispose gave up on it.</summary>
    public Task Ended => _ended.Task;

    protected internal override bool CountsOwnWrites => true;

    /// <summary>
    /// Holds this queue's writer until <paramref name="predecessor"/> completes: the previous generation's queue on the
    /// same file drains first, so each thread's records stay in order across a reload. Set before any record arrives.
    /// </summary>
    public void StartAfter(Task predecessor) => _startAfter = predecessor;

    // Hot path: a read of a rarely written count, one increment, a read of the writer's published count, a channel
    // write. The record is formatted on the writer unless the writer has fallen behind.
    protected override void Write(LogRecord record)
    {
        var ticket = _counters.TakeTicket(out var goneBefore);
        if (_counters.IsBehind(ticket, goneBefore))
        {
            PreRender(record);
        }

        record.AddReference();
        if (_counters.IsFull(ticket, goneBefore) && !MakeRoom(record, ticket, goneBefore))
        {
            return;
        }

        if (!_channel.Writer.TryWrite(record))
        {
            // The queue is being disposed: the record is refused, counted apart, and reported as the sink's failure.
            _counters.Refuse();
            record.ReleaseReference();
            throw new ChannelClosedException();
        }
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

    /// <summary>The queue is full: true when <paramref name="record"/> may now be queued, false when it was dropped.</summary>
    private bool MakeRoom(LogRecord record, long ticket, long goneBefore)
    {
        // A caller that finds the queue full must not leave the writer napping.
        _gate.WakeWriter();
        switch (Mode)
        {
            case QueueFullMode.DropOldest:
                RemoveOldest(ticket, goneBefore);
                return true;
            case QueueFullMode.Wait when !QueueWriterMark.IsWriter:
                WaitForRoom();
                return true;
            default:
                // DropNewest; or Wait, logged from inside a writer (a delegate sink that logs, also after an await):
                // waiting could wait for itself, so the record is dropped, counted and reported instead.
                _counters.DropAtEntry();
                Drop(record);
                return false;
        }
    }

    /// <summary>
    /// Wait mode: the caller gives its ticket back, waits until the writer has made room, and takes a new ticket; each
    /// try is a whole ticket under the room rule, so callers woken together cannot overshoot the capacity.
    /// </summary>
    private void WaitForRoom()
    {
        while (true)
        {
            _counters.Withdraw();
            _gate.WaitForRoom(_hasRoom);
            var ticket = _counters.TakeTicket(out var goneBefore);
            if (_gate.IsClosed || !_counters.IsFull(ticket, goneBefore))
            {
                // Closed: the channel write that follows is refused and counted.
                return;
            }
        }
    }

    /// <summary>DropOldest: takes records out of the head of the queue until this caller's record fits.</summary>
    private void RemoveOldest(long ticket, long goneBefore)
    {
        var spin = new SpinWait();
        while (_counters.IsFull(ticket, goneBefore))
        {
            if (_channel.Reader.TryRead(out var oldest))
            {
                if (ReferenceEquals(oldest, FlushBarriers.Marker))
                {
                    // Everything ahead of this flush was taken: the writer completes it after its next inner flush.
                    _barriers.Reached();
                    continue;
                }

                _counters.Remove();
                Drop(oldest);
            }
            else if (_gate.IsClosed)
            {
                return;
            }
            else
            {
                // Callers ahead of this one are between their ticket and their channel write.
                spin.SpinOnce();
            }
        }
    }

    private void Drop(LogRecord record)
    {
        record.ReleaseReference();
        Stats.AddDropped();
        _drops.Count();
    }

    /// <summary>
    /// Returns when every record accepted before the call was written (or counted as dropped) and the inner sink was
    /// flushed since: a barrier behind them in the queue, completed by the writer.
    /// </summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_barriers.Add(_channel.Writer) is not { } barrier)
        {
            // Completed: the writer flushes once more when it has drained the queue.
            return _ended.Task.WaitAsync(cancellationToken);
        }

        _gate.WakeWriter();
        return barrier.WaitAsync(cancellationToken);
    }

    /// <summary>Drains within <paramref name="timeout"/>; returns the number of records still queued or in flight after it.</summary>
    public async Task<long> DrainAsync(TimeSpan timeout)
    {
        try
        {
            await FlushAsync(CancellationToken.None).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        return _counters.Outstanding;
    }

    public override async ValueTask DisposeAsync()
    {
        await CloseAsync(DrainTimeout, DrainTimeout).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Completes the queue and waits up to <paramref name="drainTimeout"/> for the writer to drain it; then gives up:
    /// what is left is counted as dropped (on the meter) and reported on stderr.
    /// </summary>
    /// <param name="drainTimeout">How long to wait now.</param>
    /// <param name="reportedBound">
    /// The bound the report names, when the wait began before this call (the host's shutdown timeout already spent
    /// draining): else <paramref name="drainTimeout"/>.
    /// </param>
    public async ValueTask DisposeAsync(TimeSpan drainTimeout, TimeSpan? reportedBound = null)
    {
        await CloseAsync(drainTimeout, reportedBound ?? drainTimeout).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask CloseAsync(TimeSpan drainTimeout, TimeSpan reportedBound)
    {
        _channel.Writer.TryComplete();
        _gate.Close();
        try
        {
            await _ended.Task.WaitAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await AbandonAsync(reportedBound).ConfigureAwait(false);
        }

        await _inner.DisposeAsync().ConfigureAwait(false);
        if (_loop.IsCompleted)
        {
            _abort.Dispose();
            _gate.Dispose();
        }
    }

    private async Task AbandonAsync(TimeSpan reportedBound)
    {
        // The writer stops counting from here on and throws away what it finds; the records left are counted here. A
        // record the stuck sink finishes in the same instant is counted as lost although it may have been written.
        _abandoned = true;
        Interlocked.MemoryBarrier();
        var left = _counters.Outstanding;
        _counters.Abandon(left);
        Stats.AddDropped(left);
        await _abort.CancelAsync().ConfigureAwait(false);
        _barriers.CompleteAll();
        _ended.TrySetResult();
        Errors.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{Name}' did not drain within {reportedBound.TotalSeconds:0.#} s; {left} record(s) were not written."));
    }
}
