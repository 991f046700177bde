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
    /// How many naps an idle writer takes before it parks: <paramref name="count"/>, but none under a scheduler. A nap is
    /// a delay and nothing else: it reads the channel and the closed flag only to decide whether to nap, and writes only
    /// its own flag and event, which nothing but a nap reads (a caller's or dispose's wake-up only ends it early). Each
    /// way out of it (work waits: read again; the queue closed; no work: wait for a record) is a way the writer also goes
    /// without the nap, so a schedule with a nap reaches the states of one without it, a few moves later. Under a
    /// scheduler the writer goes straight to its wait for a record; each nap would add seven moves to every idle turn of
    /// the writer, and the search would have to place every caller's moves among them.
    /// </summary>
    public static int Naps(int count)
    {
#if DEBUG
        if (Current.Value is not null)
        {
            return 0;
        }
#endif
        return count;
    }

    /// <summary>
    /// How many lanes a file's or a syslog connection's queue has (<see cref="RenderedSegments"/>): <paramref name="count"/>,
    /// but one under a scheduler. Which lane a caller appends to follows the core it runs on, which a scheduler does not
    /// choose, so a search with several lanes would not repeat; with one lane every hand-over is the lane's own, the
    /// steps the search explores. The lanes' own rules (a hand-over takes every lane, the writer merges by ticket) are
    /// tested on real threads (RenderedLanesTests).
    /// </summary>
    public static int Lanes(int count)
    {
#if DEBUG
        if (Current.Value is not null)
        {
            return 1;
        }
#endif
        return count;
    }

    /// <summary>
    /// Whether a caller that found the queue full may spin awake before it sleeps (<see cref="RoomGate.SpinForRoom"/>):
    /// yes, but not under a scheduler. The spin is a delay and nothing else: it reads the counts and the closed flag and
    /// writes nothing, and each way out of it (room, or not: the gate's look under its lock) is the way a caller goes
    /// without it. Under a scheduler every turn of it would be a move to place among every other thread's.
    /// </summary>
    public static bool MaySpin()
    {
#if DEBUG
        return Current.Value is null;
#else
        return true;
#endif
    }

    /// <summary>
    /// Whether a spin's deadline on the clock applies: yes, but not under a scheduler, whose threads move when it chooses
    /// (a thread it holds is not stuck, and a spin that gave up on it would leave the schedules the test explores).
    /// </summary>
    public static bool ClockBounds()
    {
#if DEBUG
        return Current.Value is null;
#else
        return true;
#endif
    }

    /// <summary>
    /// Starts the writer's thread: a thread of its own (long running), or under a scheduler a thread the scheduler gives
    /// (one it keeps between runs: a search starts tens of thousands of queues, and a new thread for each was a quarter
    /// of its time). The task completes when <paramref name="run"/> returns, faulted if it throws, as the long-running
    /// task does.
    /// </summary>
    public static Task StartWriter(Action run)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            return scheduler.StartWriter(run);
        }
#endif
        return Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
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
    public static bool WaitToRead(ChannelReader<object> reader)
    {
#if DEBUG
        Current.Value?.Block("writer.wait-to-read", () => reader.TryPeek(out _) || reader.Completion.IsCompleted, QueueStepTimeout.None);
#endif
        var more = reader.WaitToReadAsync();
        return more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The exit waits up to <paramref name="timeout"/> for the writer to end, blocking this thread: true when it ended
    /// (under a scheduler: false whenever the scheduler chooses to give up). A blocking wait needs no pool thread, where
    /// a task's timeout and continuation each do.
    /// </summary>
    public static bool WaitedForEnd(Task ended, TimeSpan timeout)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            return scheduler.Block("dispose.drain", () => ended.IsCompleted, QueueStepTimeout.AnyTime);
        }
#endif

        // The writer's end only ever completes the task (never faults it): Wait does not throw.
        return ended.Wait(timeout);
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

    /// <summary>
    /// A spin that waits for another thread to move; <paramref name="name"/> names the loop for a scheduler, which lets it
    /// go on only after another thread changed what the loop reads.
    /// </summary>
    public static void Spin(ref SpinWait spin, string name)
    {
#if DEBUG
        if (Current.Value is { } scheduler)
        {
            scheduler.Spin(name);
            return;
        }
#else
        _ = name;
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
