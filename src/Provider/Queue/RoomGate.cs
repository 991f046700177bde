using System.Diagnostics;

namespace LoguStyle.Queue;

/// <summary>
/// Where callers wait for room in a full queue (Wait mode), and where an idle writer naps. Waiting is the slow path,
/// so it takes a lock; the writer reads one count per record and takes the lock only when someone waits.
/// </summary>
/// <remarks>
/// <para>No waiter sleeps while there is room unless a wake-up is on its way: when the writer takes a record while
/// callers sleep and no wake-up is outstanding, it wakes one; a woken caller that finds room and sees room for more
/// wakes the next before it leaves (a relay); when the queue runs empty every sleeper is woken. (Waking them only once
/// the queue was half empty would let callers that came later take the room and pass the sleepers.) The writer sends
/// at most one wake-up at a time, so a full queue does not cost it a wake-up per record it takes; the callers pass the
/// wake-up on among themselves. A woken caller looks at the counts again under the lock, so a wake-up whose room
/// another caller took only sends it back to sleep.</para>
/// <para>The writer's count of taken records against the sleepers' count and the outstanding wake-up are Dekker pairs:
/// a waiter counts itself as sleeping (or takes the wake-up), then reads the counts; the writer publishes its count,
/// then reads both; each with a full fence between, so at least one of them sees the other. Sleepers count themselves
/// under the lock they sleep on, so a wake-up sent after the writer saw them reaches one of them. A caller awake in the
/// gate is not counted as sleeping until its last look before it sleeps, so the writer does not take the lock for it.</para>
/// <para>Before a caller goes into the gate it may wait awake for a batch of room (<see cref="SpinForRoom"/>): awake, it is
/// no sleeper, and the wait ends within <see cref="SpinLimit"/> whatever the writer does, so the rule above is untouched.</para>
/// <para>Dispose and reload set a time after which nobody waits (<see cref="StopWaitingAt"/>): a waiter whose queue
/// makes no room by then leaves, and its record is dropped and counted, so a stuck sink cannot hold a caller, and the
/// dispose waiting for it, past the bound the user set. A host's stop sets a softer rule
/// (<see cref="StopWaitingIfStuckFor"/>): a waiter leaves only once the writer, awake, has taken no record for a while, so
/// a stuck sink cannot hold the stop, while a queue that drains, or whose writer was idle, keeps holding its callers back
/// and loses nothing.</para>
/// </remarks>
internal sealed class RoomGate : IDisposable
{
    /// <summary>How long a spinning caller waits awake for a batch at most (<see cref="SpinForRoom"/>).</summary>
    internal static readonly TimeSpan SpinLimit = TimeSpan.FromMicroseconds(200);

    /// <summary>A writer that takes no record for this long sends a spinning caller to sleep (<see cref="SpinForRoom"/>).</summary>
    internal static readonly TimeSpan SpinStall = TimeSpan.FromMicroseconds(20);

    // One turn of the spin: Thread.SpinWait's iterations are normalised to a few dozen nanoseconds each.
    private const int SpinTurn = 20;
    private const int SpinTurnsBetweenLooks = 8;
    private static readonly long SpinLimitTicks = (long)(SpinLimit.TotalSeconds * Stopwatch.Frequency);
    private static readonly long SpinStallTicks = (long)(SpinStall.TotalSeconds * Stopwatch.Frequency);

    // A monitor, not a Lock: waiters sleep on it (Monitor.Wait).
    private readonly object _lock = new();

    // Without spinning: the writer naps only after it found nothing to do, and a slim event's spin yields the core
    // (Thread.Yield, Thread.Sleep(0)), which on a machine whose cores are all busy costs a time slice of another process.
    private readonly ManualResetEventSlim _nap = new(initialState: false, spinCount: 0);

    // The writer's progress: the count of records it took (read under the lock while the stuck rule is on).
    private readonly Func<long> _progress;
    // Callers inside WaitForRoom (read by the writer without the lock).
    private int _waiting;

    // Callers asleep in Monitor.Wait, or about to be: counted before their last look at the counts (written under the
    // lock; read by the writer without it, in SignalOne).
    private int _sleeping;

    // 1 while a wake-up was sent and no woken caller has looked at the counts yet (written under the lock).
    private int _wakeSent;
    private int _napping;

    // 1 while a caller spins for room (SpinForRoom), outside the lock.
    private int _spinning;
    private long _stopAt = long.MaxValue;
    private volatile bool _closed;

    // The stuck rule (StopWaitingIfStuckFor), under the lock: how long the writer may take no record before waiters
    // leave (long.MaxValue: the rule is off), the progress last seen, whether the writer was idle then, and when either
    // last changed (Environment.TickCount64).
    private long _stuckAfter = long.MaxValue;
    private long _seenProgress;
    private bool _seenIdle;
    private long _seenAt;

    // Written by the writer only: true from the moment it has nothing left to do (queue empty, sink flushed, out of the
    // inner sink) until it wakes for more. An idle writer is not stuck, however long ago it took its last record: the
    // stuck rule's clock does not run while it is idle, nor until a waiter has seen it awake (see UntilStuck).
    private volatile bool _writerIdle;

    /// <summary>Creates a gate whose writer's progress is <paramref name="progress"/> (a count that grows with each record taken).</summary>
    public RoomGate(Func<long> progress) => _progress = progress;

    /// <summary>Callers asleep for room now (for tests that wait until a caller waits).</summary>
    internal int Sleeping => Volatile.Read(ref _sleeping);

    /// <summary>True once the queue is completed: nobody waits any more.</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// Blocks until <paramref name="hasRoom"/> says yes (looked at whenever a wake-up comes) or waiting stops. A caller
    /// that leaves with room wakes the next sleeper when <paramref name="roomForMore"/> says there is room beyond its own.
    /// </summary>
    /// <param name="hasRoom">Whether the caller's record fits now.</param>
    /// <param name="roomForMore">Whether there is room beyond the caller's own.</param>
    /// <param name="callerStopAt">When this caller stops waiting whatever the rules (<see cref="Environment.TickCount64"/>;
    /// <see cref="long.MaxValue"/> for none): the host's own records during its stop.</param>
    /// <returns>True when there was room; false when waiting stopped: the queue was completed, the time set by
    /// <see cref="StopWaitingAt"/> or <paramref name="callerStopAt"/> came, or the stuck rule of
    /// <see cref="StopWaitingIfStuckFor"/> applies.</returns>
    public bool WaitForRoom(Func<bool> hasRoom, Func<bool> roomForMore, long callerStopAt)
    {
        using (QueueSteps.Lock(_lock))
        {
            // Counted before the look at the counts (the Dekker pair, see the remarks).
            QueueSteps.Step("gate.count-waiting");
            Interlocked.Increment(ref _waiting);
            try
            {
                while (true)
                {
                    QueueSteps.Step("gate.look-for-room");
                    if (hasRoom())
                    {
                        if (_sleeping > 0 && roomForMore() && Relays())
                        {
                            Wake();
                        }

                        return true;
                    }

                    var now = Environment.TickCount64;
                    var left = Math.Min(Volatile.Read(ref _stopAt), callerStopAt) - now;
                    if (_closed || left <= 0)
                    {
                        return false;
                    }

                    if (_stuckAfter != long.MaxValue)
                    {
                        var untilStuck = UntilStuck(now);
                        if (untilStuck <= 0)
                        {
                            return false;
                        }

                        left = Math.Min(left, untilStuck);
                    }

                    WakeWriter();

                    // Counted as sleeping, then one more look at the counts (the Dekker pair with SignalOne): the writer
                    // takes the lock only for a caller asleep or about to be, not for one awake in here, which holds the
                    // lock against it. Counting every caller inside made a wake-up cost the writer an enter blocked on
                    // the caller it had just woken, and each side a second context switch (issue 16).
                    QueueSteps.Step("gate.count-sleeping");
                    Interlocked.Increment(ref _sleeping);
                    if (hasRoom())
                    {
                        QueueSteps.Step("gate.uncount-sleeping");
                        _sleeping--;
                        continue;
                    }

                    try
                    {
                        QueueSteps.Wait(_lock, left >= int.MaxValue ? Timeout.Infinite : (int)left);
                    }
                    finally
                    {
                        // Also when the wait throws (Thread.Interrupt; the lock is held again by then): a sleeper
                        // counted for good has the writer and the woken callers send wake-ups to nobody.
                        _sleeping--;
                    }

                    // Whatever woke this caller, the wake-up on its way is taken: the writer sends another when it next
                    // takes a record. Taken before the look at the counts (the Dekker pair).
                    QueueSteps.Step("gate.take-wake-up");
                    Interlocked.Exchange(ref _wakeSent, 0);
                }
            }
            finally
            {
                QueueSteps.Step("gate.uncount-waiting");
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>
    /// Before a caller that found the queue full goes into the gate: it stays awake while the writer keeps taking records,
    /// until <paramref name="roomForBatch"/> says a batch fits, and returns then, or when the writer has taken nothing for
    /// <see cref="SpinStall"/>, when <see cref="SpinLimit"/> has passed, when the queue is completed, or at once when a
    /// caller waits in the gate or another spins (at most one spinner, and the callers who came first go first). The caller then looks for room in the gate as before, so it leaves with
    /// room for one record or sleeps under the rules above; the spin only delays it, by <see cref="SpinLimit"/> at most.
    /// </summary>
    /// <remarks>
    /// Why: a caller faster than its writer finds the queue full again soon after each wake-up. Woken for every place the
    /// writer frees (which the rules above require of a sleeper), it slept and was woken again every few dozen records,
    /// each time a context switch for it and a lock, a pulse and often a second switch for the writer, which then wrote
    /// fewer records per second (counts in docs/benchmarks.md, "Counting instead of timing"). Awake and
    /// waiting for a batch, it costs the writer nothing, and then logs a batch before it finds the queue full again. A
    /// writer that stalls (a slow sink, a writer without a core) sends it to sleep within <see cref="SpinStall"/>.
    /// </remarks>
    public void SpinForRoom(Func<bool> roomForBatch)
    {
        // One spinner at a time, and none while a caller waits in the gate: two cores would otherwise go to callers that
        // spin while the writer they wait for waits for a core, and a spinner would take the room of a woken sleeper.
        if (!QueueSteps.MaySpin() || Volatile.Read(ref _waiting) != 0 || Interlocked.CompareExchange(ref _spinning, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Spin(roomForBatch);
        }
        finally
        {
            Volatile.Write(ref _spinning, 0);
        }
    }

    private void Spin(Func<bool> roomForBatch)
    {
        var start = Stopwatch.GetTimestamp();
        var progressAt = start;
        var progress = _progress();
        for (var turn = 1; !roomForBatch() && !_closed; turn++)
        {
            Thread.SpinWait(SpinTurn);
            if (turn % SpinTurnsBetweenLooks != 0)
            {
                continue;
            }

            // The exact count, every few microseconds only: the writer writes its line for every record it takes.
            var now = Stopwatch.GetTimestamp();
            var taken = _progress();
            if (taken != progress)
            {
                (progress, progressAt) = (taken, now);
            }
            else if (now - progressAt > SpinStallTicks)
            {
                return;
            }

            // No Thread.Yield here: on a machine whose cores are all busy, a yield hands the core to another process
            // for a whole time slice, and a caller that yielded once a record took a millisecond a record through a
            // queue of 1 (QueueRegressionTests.WaitMode_CapacityOne_DoesNotCrawl). A writer that cannot run meanwhile
            // makes no progress, and the stall rule above sends this caller to sleep within SpinStall.
            if (now - start > SpinLimitTicks)
            {
                return;
            }
        }
    }

    // False only for the seeded defect NoRelay (Debug builds, under a test scheduler): the relay is what it removes.
    private static bool Relays()
    {
#if DEBUG
        return !QueueSteps.Seeded(QueueFault.NoRelay);
#else
        return true;
#endif
    }

    /// <summary>
    /// The writer took a record, or a record logged from inside a writer was dropped (after the full fence of the
    /// count): wakes one sleeper for the place freed, unless a wake-up is already on its way (the woken caller passes it on).
    /// </summary>
    public void SignalOne()
    {
        QueueSteps.Step("gate.signal-one");
        if (Volatile.Read(ref _sleeping) == 0 || Volatile.Read(ref _wakeSent) != 0)
        {
            return;
        }

        using (QueueSteps.Lock(_lock))
        {
            if (_sleeping > 0 && _wakeSent == 0)
            {
                Wake();
            }
        }
    }

    /// <summary>The queue ran empty: wakes every sleeper. Writer only.</summary>
    public void SignalAll()
    {
        QueueSteps.Step("gate.signal-all");
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        using (QueueSteps.Lock(_lock))
        {
            if (_sleeping > 0)
            {
                QueueSteps.Step("gate.send-wake-up");
                Volatile.Write(ref _wakeSent, 1);
                QueueSteps.PulseAll(_lock);
            }
        }
    }

    // Under the lock.
    private void Wake()
    {
        QueueSteps.Step("gate.send-wake-up");
        Volatile.Write(ref _wakeSent, 1);
        QueueSteps.Pulse(_lock);
    }

    /// <summary>
    /// Callers wait for room until <paramref name="tick"/> (<see cref="Environment.TickCount64"/>) at the latest; then
    /// they leave and their records are dropped. Dispose and reload set it, so waiting fits in their bound.
    /// </summary>
    public void StopWaitingAt(long tick)
    {
        using (QueueSteps.Lock(_lock))
        {
            Volatile.Write(ref _stopAt, Math.Min(_stopAt, tick));

            // The sleepers wait with no timeout until now: they take the new one.
            QueueSteps.PulseAll(_lock);
        }
    }

    /// <summary>
    /// A host's stop: from now on a caller waiting for room leaves (its record dropped) once the writer, awake, has taken
    /// no record for <paramref name="milliseconds"/>, counted from now at the earliest, and from the last moment a waiter
    /// saw it idle or waking (<see cref="WriterIdle"/>). A stuck sink then cannot hold the stop (nor the host's own stop
    /// records) for good, and a queue whose writer drains, however full, or was idle until the callers came, keeps its
    /// callers waiting as before.
    /// </summary>
    public void StopWaitingIfStuckFor(long milliseconds)
    {
        using (QueueSteps.Lock(_lock))
        {
            if (milliseconds >= _stuckAfter)
            {
                return;
            }

            _stuckAfter = milliseconds;
            _seenProgress = _progress();
            _seenIdle = _writerIdle;
            _seenAt = Environment.TickCount64;

            // The sleepers wait with no timeout until now: they take the new one.
            QueueSteps.PulseAll(_lock);
        }
    }

    // Under the lock, with the stuck rule on: how long a waiter may still sleep before the writer counts as stuck (0 or
    // less: it is stuck now). Any waiter that sees the progress move, the writer idle, or the writer awake since it was
    // last seen idle restarts the clock for all. So the clock runs only while the writer is awake and takes nothing: a
    // writer that was idle for half the shutdown timeout (every caller held by a stuck sink beside it) and is just
    // waking for a flood is not stuck, and a caller that finds its queue full in that moment waits for it. Awake since
    // seen idle counts too, because the writer wakes before it takes: a waiter that looks in between sees no progress.
    private long UntilStuck(long now)
    {
        var idle = _writerIdle;
        var progress = _progress();
        if (progress != _seenProgress || idle || idle != _seenIdle)
        {
            _seenProgress = progress;
            _seenIdle = idle;
            _seenAt = now;
        }

        return _seenAt + _stuckAfter - now;
    }

    /// <summary>
    /// The writer has nothing left to do (<paramref name="idle"/> true: the queue ran empty, the sink is flushed and the
    /// writer is out of it, about to nap or wait for records) or woke for more (false: before any further call into the
    /// sink). Writer only. The stuck rule counts an idle writer as not stuck (see <see cref="StopWaitingIfStuckFor"/>).
    /// </summary>
    public void WriterIdle(bool idle)
    {
        if (_writerIdle != idle)
        {
            _writerIdle = idle;
        }
    }

    /// <summary>True from the moment the writer has nothing left to do until it wakes for more (see <see cref="WriterIdle"/>; for tests).</summary>
    internal bool IsWriterIdle => _writerIdle;

    /// <summary>Ends a writer's nap early: a caller found the queue full, and would otherwise wait or drop.</summary>
    public void WakeWriter()
    {
        QueueSteps.Step("gate.wake-writer");
        if (Volatile.Read(ref _napping) != 0)
        {
            _nap.Set();
        }
    }

    /// <summary>
    /// The writer naps up to <paramref name="timeout"/> unless <paramref name="hasWork"/> says records wait, or a caller
    /// wakes it (see <see cref="WakeWriter"/>). The flag is set before the look, so a caller that found the queue full
    /// after the look sees the flag and wakes it.
    /// </summary>
    public void Nap(TimeSpan timeout, Func<bool> hasWork)
    {
        QueueSteps.Step("nap.flag");
        Interlocked.Exchange(ref _napping, 1);
        QueueSteps.Step("nap.look");
        if (!hasWork() && !_closed)
        {
            QueueSteps.Nap(_nap, timeout);
        }

        QueueSteps.Step("nap.unflag");
        Volatile.Write(ref _napping, 0);
        QueueSteps.Step("nap.reset");
        if (!_closed)
        {
            _nap.Reset();
        }
    }

    /// <summary>The queue is completed: wakes every waiter and the writer for good.</summary>
    public void Close()
    {
        QueueSteps.Step("gate.close");
        _closed = true;
        QueueSteps.Step("gate.close-wake-writer");
        _nap.Set();
        using (QueueSteps.Lock(_lock))
        {
            QueueSteps.PulseAll(_lock);
        }
    }

    public void Dispose() => _nap.Dispose();
}
