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
/// <para>The writer's count of taken records against the waiters' count and the outstanding wake-up are Dekker pairs:
/// a waiter counts itself (or takes the wake-up), then reads the counts; the writer publishes its count, then reads
/// both; each with a full fence between, so at least one of them sees the other. Sleepers count themselves under the
/// lock they sleep on, so a wake-up sent after the writer saw them reaches one of them.</para>
/// <para>Dispose and reload set a time after which nobody waits (<see cref="StopWaitingAt"/>): a waiter whose queue
/// makes no room by then leaves, and its record is dropped and counted, so a stuck sink cannot hold a caller, and the
/// dispose waiting for it, past the bound the user set.</para>
/// </remarks>
internal sealed class RoomGate : IDisposable
{
    // A monitor, not a Lock: waiters sleep on it (Monitor.Wait).
    private readonly object _lock = new();
    private readonly ManualResetEventSlim _nap = new(initialState: false);
    // Callers inside WaitForRoom (read by the writer without the lock).
    private int _waiting;

    // Callers asleep in Monitor.Wait (under the lock).
    private int _sleeping;

    // 1 while a wake-up was sent and no woken caller has looked at the counts yet (written under the lock).
    private int _wakeSent;
    private int _napping;
    private long _stopAt = long.MaxValue;
    private volatile bool _closed;

    /// <summary>True once the queue is completed: nobody waits any more.</summary>
    public bool IsClosed => _closed;

    /// <summary>True once nobody may wait any more: the queue is completed, or the time set by <see cref="StopWaitingAt"/> came.</summary>
    public bool IsStopped => _closed || Environment.TickCount64 >= Volatile.Read(ref _stopAt);

    /// <summary>
    /// Blocks until <paramref name="hasRoom"/> says yes (looked at whenever a wake-up comes) or waiting stops. A caller
    /// that leaves with room wakes the next sleeper when <paramref name="roomForMore"/> says there is room beyond its own.
    /// </summary>
    public void WaitForRoom(Func<bool> hasRoom, Func<bool> roomForMore)
    {
        lock (_lock)
        {
            // Counted before the look at the counts (the Dekker pair, see the remarks).
            Interlocked.Increment(ref _waiting);
            try
            {
                while (true)
                {
                    if (hasRoom())
                    {
                        if (_sleeping > 0 && roomForMore())
                        {
                            Wake();
                        }

                        return;
                    }

                    var left = Volatile.Read(ref _stopAt) - Environment.TickCount64;
                    if (_closed || left <= 0)
                    {
                        return;
                    }

                    WakeWriter();
                    _sleeping++;
                    Monitor.Wait(_lock, left >= int.MaxValue ? Timeout.Infinite : (int)left);
                    _sleeping--;

                    // Whatever woke this caller, the wake-up on its way is taken: the writer sends another when it next
                    // takes a record. Taken before the look at the counts (the Dekker pair).
                    Interlocked.Exchange(ref _wakeSent, 0);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>
    /// The writer took a record, or a record logged from inside a writer was dropped (after the full fence of the
    /// count): wakes one sleeper for the place freed, unless a wake-up is already on its way (the woken caller passes it on).
    /// </summary>
    public void SignalOne()
    {
        if (Volatile.Read(ref _waiting) == 0 || Volatile.Read(ref _wakeSent) != 0)
        {
            return;
        }

        lock (_lock)
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
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_sleeping > 0)
            {
                Volatile.Write(ref _wakeSent, 1);
                Monitor.PulseAll(_lock);
            }
        }
    }

    // Under the lock.
    private void Wake()
    {
        Volatile.Write(ref _wakeSent, 1);
        Monitor.Pulse(_lock);
    }

    /// <summary>
    /// Callers wait for room until <paramref name="tick"/> (<see cref="Environment.TickCount64"/>) at the latest; then
    /// they leave and their records are dropped. Dispose and reload set it, so waiting fits in their bound.
    /// </summary>
    public void StopWaitingAt(long tick)
    {
        lock (_lock)
        {
            Volatile.Write(ref _stopAt, Math.Min(_stopAt, tick));

            // The sleepers wait with no timeout until now: they take the new one.
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Ends a writer's nap early: a caller found the queue full, and would otherwise wait or drop.</summary>
    public void WakeWriter()
    {
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
        Interlocked.Exchange(ref _napping, 1);
        if (!hasWork() && !_closed)
        {
            _nap.Wait(timeout);
        }

        Volatile.Write(ref _napping, 0);
        if (!_closed)
        {
            _nap.Reset();
        }
    }

    /// <summary>The queue is completed: wakes every waiter and the writer for good.</summary>
    public void Close()
    {
        _closed = true;
        _nap.Set();
        lock (_lock)
        {
            Monitor.PulseAll(_lock);
        }
    }

    public void Dispose() => _nap.Dispose();
}
