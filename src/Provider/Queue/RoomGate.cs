namespace LoguStyle.Queue;

/// <summary>
/// Where callers wait for room in a full queue (Wait mode), and where an idle writer naps. Waiting is the slow path,
/// so it takes a lock; the writer looks at one flag per batch and takes the lock only when someone waits.
/// </summary>
/// <remarks>
/// Waiters are woken once the queue is at most half full, not for every slot that frees: a wake-up per record turns a
/// full queue into a convoy where every record costs a context switch. A waiter sleeps until the epoch moves, so a
/// wake-up can never be lost to another waiter resetting an event (one event shared by waiters had that hole).
/// The flag and the counts are a Dekker pair: the waiter sets the flag, then reads the counts; the writer publishes
/// the counts, then reads the flag; each with a full fence between, so at least one of them sees the other.
/// </remarks>
internal sealed class RoomGate : IDisposable
{
    // A monitor, not a Lock: waiters sleep on it (Monitor.Wait).
    private readonly object _lock = new();
    private readonly ManualResetEventSlim _nap = new(initialState: false);
    private int _wanted;
    private long _epoch;
    private int _napping;
    private volatile bool _closed;

    /// <summary>True once the queue is completed: nobody waits any more.</summary>
    public bool IsClosed => _closed;

    /// <summary>Blocks until the writer signals room (after <paramref name="hasRoom"/> said no) or the gate closes.</summary>
    public void WaitForRoom(Func<bool> hasRoom)
    {
        lock (_lock)
        {
            var epoch = _epoch;
            Interlocked.Exchange(ref _wanted, 1);

            // Checked after asking: the writer may have made room just before it could see the request.
            if (hasRoom() || _closed)
            {
                return;
            }

            WakeWriter();
            while (epoch == _epoch && !_closed)
            {
                Monitor.Wait(_lock);
            }
        }
    }

    /// <summary>The writer made room: wakes every waiter once the queue is at most half full.</summary>
    public void SignalRoom(Func<bool> halfEmpty)
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _wanted) == 0 || !halfEmpty())
        {
            return;
        }

        lock (_lock)
        {
            _wanted = 0;
            _epoch++;
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
            _epoch++;
            Monitor.PulseAll(_lock);
        }
    }

    public void Dispose() => _nap.Dispose();
}
