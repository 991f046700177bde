using System.Diagnostics;
using System.Threading.Channels;

namespace LoguStyle.Queue;

/// <summary>
/// The points where the queue's threads meet: each step on shared state of <see cref="QueuedSink"/>,
/// <see cref="RoomGate"/>, <see cref="FlushBarriers"/> and <see cref="QueueCounters"/>, and each wait, goes through
/// here, so that a test scheduler (tests/Provider.Tests/Queue/Model) can run the real code one thread at a time and
/// choose which thread moves at each step, and which waits may time out when.
/// </summary>
/// <remarks>
/// Debug builds only (the tests run Debug): <see cref="Step"/> is <c>[Conditional("DEBUG")]</c>, so a Release build
/// drops the calls and their arguments, hot path included; the waits are <c>#if DEBUG</c> around the scheduler's branch
/// and are the plain wait in Release. A conditional method, not a flag read per call, because the writer and the
/// callers pass through a step for every record. The scheduler is per flow (an <see cref="AsyncLocal{T}"/>): a test
/// sets it on the threads it controls, and a queue built on one of them gives it to its writer, whose thread inherits
/// the flow; every other queue in the process runs free.
/// </remarks>
internal static class QueueSteps
{
#if DEBUG
    private static readonly AsyncLocal<IQueueStepScheduler?> Current = new();

    /// <summary>The scheduler of the current flow, or null (the normal case).</summary>
    internal static IQueueStepScheduler? Scheduler
    {
        get => Current.Value;
        set => Current.Value = value;
    }

    /// <summary>
    /// True when the scheduler of this flow switched on the seeded defect <paramref name="fault"/>. Debug builds only, and
    /// each use is inside <c>#if DEBUG</c>: a Release build has neither the defects nor the look.
    /// </summary>
    internal static bool Seeded(QueueFault fault) => Current.Value?.Seeded(fault) ?? false;
#endif

    /// <summary>
    /// How many naps an idle writer takes before it parks: <paramref name="count"/>, but one under a scheduler. A nap that
    /// finds no work leaves the shared state as it found it (its flag cleared, its event reset), so a second one only
    /// repeats the first from the same state; ten of them would multiply the schedules a search must run.
    /// </summary>
    public static int Naps(int count)
    {
#if DEBUG
        if (Current.Value is not null)
        {
            return 1;
        }
#endif
        return count;
    }

    /// <summary>A step on shared state: under a scheduler, another thread may run first.</summary>
    [Conditional("DEBUG")]
    public static void Step(string name)
    {
#if DEBUG
        Current.Value?.Step(name);
#endif
    }

    /// <summary>The writer's thread ends here (under a scheduler: it takes no further step).</summary>
    [Conditional("DEBUG")]
    public static void Leave()
    {
#if DEBUG
        Current.Value?.Leave();
#endif
    }

    /// <summary>Enters <paramref name="gate"/>'s monitor; the caller leaves it by disposing the result (<c>using</c>).</summary>
    public static Held Lock(object gate)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Enter(gate);
            return new Held(gate, scheduler);
        }
#endif
        Monitor.Enter(gate);
        return new Held(gate, null);
    }

    /// <summary><see cref="Monitor.Wait(object, int)"/> on a gate held through <see cref="Lock"/>.</summary>
    public static bool Wait(object gate, int millisecondsTimeout)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            return scheduler.Wait(gate, millisecondsTimeout != Timeout.Infinite);
        }
#endif
        return Monitor.Wait(gate, millisecondsTimeout);
    }

    public static void Pulse(object gate)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Pulse(gate, all: false);
            return;
        }
#endif
        Monitor.Pulse(gate);
    }

    public static void PulseAll(object gate)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Pulse(gate, all: true);
            return;
        }
#endif
        Monitor.PulseAll(gate);
    }

    /// <summary>The writer's nap: until <paramref name="nap"/> is set or <paramref name="timeout"/> passes (time passes when everyone waits).</summary>
    public static void Nap(ManualResetEventSlim nap, TimeSpan timeout)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Block("writer.nap", () => nap.IsSet, QueueStepTimeout.WhenIdle);
            return;
        }
#endif
        nap.Wait(timeout);
    }

    /// <summary>The writer waits for a record (true) or for the end of a completed, empty channel (false).</summary>
    public static bool WaitToRead(ChannelReader<LogRecord> reader)
    {
#if DEBUG
        Current.Value?.Block("writer.wait-to-read", () => reader.TryPeek(out _) || reader.Completion.IsCompleted, QueueStepTimeout.None);
#endif
        var more = reader.WaitToReadAsync();
        return more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The writer waits for the previous generation's queue on its file (see <see cref="QueuedSink.StartAfter"/>).</summary>
    public static void WaitFor(Task predecessor)
    {
#if DEBUG
        Current.Value?.Block("writer.start-after", () => predecessor.IsCompleted, QueueStepTimeout.None);
#endif
        predecessor.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Dispose waits up to <paramref name="timeout"/> for the writer to end; the task faults with a
    /// <see cref="TimeoutException"/> when it gives up (under a scheduler: whenever the scheduler chooses to).
    /// </summary>
    public static Task WaitForEnd(Task ended, TimeSpan timeout)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            return scheduler.Block("dispose.drain", () => ended.IsCompleted, QueueStepTimeout.AnyTime)
                ? ended
                : Task.FromException(new TimeoutException());
        }
#endif
        return ended.WaitAsync(timeout);
    }

    /// <summary>A spin that waits for another thread to move (under a scheduler it may go on only after one did).</summary>
    public static void Spin(ref SpinWait spin)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Spin("spin");
            return;
        }
#endif
        spin.SpinOnce();
    }

    /// <summary>A monitor held through <see cref="Lock"/>; disposing it leaves the monitor.</summary>
    public readonly ref struct Held
    {
        private readonly object _gate;
        private readonly object? _scheduler;

        internal Held(object gate, object? scheduler)
        {
            _gate = gate;
            _scheduler = scheduler;
        }

        public void Dispose()
        {
#if DEBUG
            if (_scheduler is IQueueStepScheduler scheduler)
            {
                scheduler.Exit(_gate);
                return;
            }
#endif
            Monitor.Exit(_gate);
        }
    }
}
