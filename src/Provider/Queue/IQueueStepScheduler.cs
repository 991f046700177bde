#if DEBUG
namespace LoguStyle.Queue;

/// <summary>
/// A test scheduler that runs the queue's threads one at a time (Debug builds only; see <see cref="QueueSteps"/>). Each
/// call comes from a thread that the scheduler controls and returns when the scheduler lets that thread go on.
/// </summary>
internal interface IQueueStepScheduler
{
    /// <summary>A step of shared state: another thread may run first.</summary>
    void Step(string name);

    /// <summary>
    /// A wait: the thread cannot go on until <paramref name="canGo"/> says yes, or the scheduler lets its timeout come
    /// (then false): never when <paramref name="timeout"/> is <see cref="QueueStepTimeout.None"/>.
    /// </summary>
    bool Block(string name, Func<bool> canGo, QueueStepTimeout timeout);

    /// <summary>Enters the monitor of <paramref name="gate"/> (a wait while another thread holds it).</summary>
    void Enter(object gate);

    void Exit(object gate);

    /// <summary><see cref="Monitor.Wait(object, int)"/>: false when its timeout came instead of a pulse.</summary>
    bool Wait(object gate, bool hasTimeout);

    void Pulse(object gate, bool all);

    /// <summary>The calling thread's last step: it ends without another.</summary>
    void Leave();

    /// <summary>One turn of a spin loop: the thread goes on only after another thread moved.</summary>
    void Spin(string name);

    /// <summary>Runs a queue's writer loop on a thread of the scheduler's, which takes its steps (see <see cref="QueueSteps.StartWriter"/>).</summary>
    Task StartWriter(Action run);

    /// <summary>True when the test switched <paramref name="fault"/> on for the queues of this flow.</summary>
    bool Seeded(QueueFault fault);
}
#endif
