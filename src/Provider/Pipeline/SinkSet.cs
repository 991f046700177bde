using System.Numerics;
using System.Runtime.InteropServices;
using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// One generation of built sinks. Loggers enter it for the length of a write; a reload or dispose retires it and
/// waits for the writers inside to leave before the sinks are flushed and disposed, so no record is written to a
/// closed sink and none is lost in the swap.
/// </summary>
internal sealed class SinkSet
{
    // Striped enter/leave counters, each on its own cache line, so threads on different cores do not contend. Two banks
    // of stripes: a call counts itself in the bank current when it enters and leaves the same one (its stripe index
    // names the bank). WatchCallsInside moves new calls to the other bank, so the bank it watches holds only calls
    // that entered before it began; threads that keep logging meanwhile never keep that bank from reading 0.
    private readonly PaddedCounter[] _inside;
    private readonly int _mask;
    private readonly int _stripes;
    private readonly Lock _watch = new();
    private int _bank;
    private int _retired;

    public SinkSet(Sink[] sinks, Action<LogRecord>[]? patches = null)
    {
        Sinks = sinks;
        Patches = patches ?? [];
        Plan = CapturePlan.For(sinks, patched: Patches.Length > 0);
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, Environment.ProcessorCount * 2));
        _inside = new PaddedCounter[2 * stripes];
        _mask = stripes - 1;
        _stripes = stripes;
    }

    public static SinkSet Empty { get; } = new([]);

    public Sink[] Sinks { get; }

    /// <summary>How a logging call into these sinks captures its record, chosen once for the set.</summary>
    public CapturePlan Plan { get; }

    /// <summary>The enrichers of this generation (<see cref="LoguStyleLoggerOptions.Patches"/>), run before its sinks see a record.</summary>
    public Action<LogRecord>[] Patches { get; }

    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>True when no logging call is inside this set (a call stuck in a sink is, until it returns).</summary>
    public bool IsEmpty => Inside() == 0;

    /// <summary>
    /// Enters for one write from the thread <paramref name="threadId"/> (the caller's managed thread id, read once per
    /// logging call: each read is a thread-local lookup); false when the set is retired and the caller must use the current one.
    /// </summary>
    public bool TryEnter(int threadId, out int stripe)
    {
        // The bank is read before the increment: a call that read the old bank just as a check moved on counts in the
        // bank the check watches, as a call that entered before it (which it is) and that leaves soon.
        stripe = Volatile.Read(ref _bank) + (threadId & _mask);
        Interlocked.Increment(ref _inside[stripe].Value);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _inside[stripe].Value);
        return false;
    }

    public void Exit(int stripe) => Interlocked.Decrement(ref _inside[stripe].Value);

    /// <summary>Stops new writers from entering (they take the provider's current set); those inside stay.</summary>
    public void Retire() => Interlocked.Exchange(ref _retired, 1);

    /// <summary>Stops new writers from entering and waits (bounded) for the ones inside to leave.</summary>
    public bool RetireAndWait(TimeSpan timeout)
    {
        Retire();
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var spin = new SpinWait();
        while (Inside() != 0)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }

    /// <summary>
    /// Begins to watch the calls inside this set now, and returns the bank they count in (for
    /// <see cref="CallsStillInside"/>). New calls count in the other bank from here on, so threads that keep logging
    /// are not taken for stuck calls (a stripe shared by busy threads rarely reads 0). When an earlier watch left calls
    /// stuck in the other bank, the banks stay as they are and this watch counts those calls: a call that got stuck
    /// between two watches beside one still stuck from before is not counted.
    /// </summary>
    public int WatchCallsInside()
    {
        lock (_watch)
        {
            var current = Volatile.Read(ref _bank);
            var other = current == 0 ? _stripes : 0;
            if (Inside(other) != 0)
            {
                return other;
            }

            // A full fence: calls that enter from here on read the new bank.
            Interlocked.Exchange(ref _bank, other);
            return current;
        }
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for the calls counted in <paramref name="watched"/> (see
    /// <see cref="WatchCallsInside"/>) to leave; returns how many stayed, 0 as soon as all of them left.
    /// </summary>
    public long CallsStillInside(int watched, TimeSpan wait)
    {
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        var spin = new SpinWait();
        while (true)
        {
            var staying = Inside(watched);
            if (staying == 0 || Environment.TickCount64 > deadline)
            {
                return staying;
            }

            spin.SpinOnce();
        }
    }

    // The calls counted in the bank whose stripes start at first.
    private long Inside(int first)
    {
        long total = 0;
        for (var i = first; i < first + _stripes; i++)
        {
            total += Volatile.Read(ref _inside[i].Value);
        }

        return total;
    }

    private long Inside()
    {
        long total = 0;
        for (var i = 0; i < _inside.Length; i++)
        {
            // A plain atomic read: a locked one would take each stripe's line from the threads that write it.
            total += Volatile.Read(ref _inside[i].Value);
        }

        return total;
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public long Value;
    }
}
