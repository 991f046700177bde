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
    // Striped enter/leave counters, each on its own cache line, so threads on different cores do not contend.
    private readonly PaddedCounter[] _inside;
    private readonly int _mask;
    private int _retired;

    public SinkSet(Sink[] sinks)
    {
        Sinks = sinks;
        Plan = CapturePlan.For(sinks);
        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, Environment.ProcessorCount * 2));
        _inside = new PaddedCounter[stripes];
        _mask = stripes - 1;
    }

    public static SinkSet Empty { get; } = new([]);

    public Sink[] Sinks { get; }

    /// <summary>How a logging call into these sinks captures its record, chosen once for the set.</summary>
    public CapturePlan Plan { get; }

    /// <summary>The enrichers of this generation (<see cref="LoguStyleLoggerOptions.Patches"/>), run before its sinks see a record.</summary>
    public Action<LogRecord>[] Patches { get; init; } = [];

    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>True when no logging call is inside this set (a call stuck in a sink is, until it returns).</summary>
    public bool IsEmpty => Inside() == 0;

    /// <summary>
    /// Enters for one write from the thread <paramref name="threadId"/> (the caller's managed thread id, read once per
    /// logging call: each read is a thread-local lookup); false when the set is retired and the caller must use the current one.
    /// </summary>
    public bool TryEnter(int threadId, out int stripe)
    {
        stripe = threadId & _mask;
        Interlocked.Increment(ref _inside[stripe].Value);
        if (Volatile.Read(ref _retired) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _inside[stripe].Value);
        return false;
    }

    public void Exit(int stripe) => Interlocked.Decrement(ref _inside[stripe].Value);

    /// <summary>Stops new writers from entering and waits (bounded) for the ones inside to leave.</summary>
    public bool RetireAndWait(TimeSpan timeout)
    {
        Interlocked.Exchange(ref _retired, 1);
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
    /// The calls that stay inside this set for <paramref name="wait"/> (a direct sink stuck in its output): 0 as soon as
    /// every stripe was seen empty once. Calls that come and go (threads logging on) do not count: a stripe is let off
    /// the first time it reads 0, so only a call that never leaves keeps its stripe counted.
    /// </summary>
    public long CallsStayingInside(TimeSpan wait)
    {
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        var seenEmpty = new bool[_inside.Length];
        var spin = new SpinWait();
        while (true)
        {
            long staying = 0;
            for (var i = 0; i < _inside.Length; i++)
            {
                if (!seenEmpty[i])
                {
                    var inside = Volatile.Read(ref _inside[i].Value);
                    seenEmpty[i] = inside == 0;
                    staying += inside;
                }
            }

            if (staying == 0 || Environment.TickCount64 > deadline)
            {
                return staying;
            }

            spin.SpinOnce();
        }
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
