using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>One thread under a <see cref="StepScheduler"/>: where it stands and what it waits for.</summary>
internal sealed class ScheduledThread(string name, Thread? thread)
{
    public string Name { get; } = name;

    /// <summary>
    /// A queue's writer: it leaves the schedule once the task its queue keeps of it has completed, not at its own
    /// <c>QueueSteps.Leave</c> just before (see StepScheduler.StartWriter).
    /// </summary>
    public bool LeavesWithItsTask { get; init; }

    /// <summary>Set when a thread of the test's own (a pooled worker) has left its body.</summary>
    public ManualResetEventSlim Done { get; } = new();

    /// <summary>Released by the scheduler when this thread may take its next step.</summary>
    public SemaphoreSlim Go { get; } = new(0);

    /// <summary>The point it stands at (the step it is about to take).</summary>
    public string At { get; set; } = "start";

    /// <summary>Null for a plain step; else the thread may go on only when this says yes.</summary>
    public Func<bool>? CanGo { get; set; }

    public QueueStepTimeout Timeout { get; set; }

    /// <summary>Set by the scheduler when it chose this wait's timeout instead of what it waits for.</summary>
    public bool TimedOut { get; set; }

    /// <summary>In a monitor's wait set: set when a pulse took it out.</summary>
    public bool Pulsed { get; set; }

    public bool InWaitSet { get; set; }

    public bool Finished { get; set; }

    /// <summary>How often each shared thing had been written when this thread began its spin loop's current turn.</summary>
    public long[]? LoopVersions { get; set; }

    /// <summary>Where it stands in the code: a hash of its call stack (each frame's method and IL offset), taken at its point.</summary>
    public string Pc { get; set; } = string.Empty;

    /// <summary>Its locals that outlive a move, written down by <see cref="QueueState.Capture"/>.</summary>
    public Dictionary<string, string> Locals { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the thread can take its step now (a wait it stands at is over).</summary>
    public bool CanStep => !Finished && (CanGo is null || CanGo());

    /// <summary>Waits for the thread to leave: the queue's writer (a thread of its own) to end, a worker to leave its body.</summary>
    public bool Join(TimeSpan timeout) => thread?.Join(timeout) ?? Done.Wait(timeout);
}
