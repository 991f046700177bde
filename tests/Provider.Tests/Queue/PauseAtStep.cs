#if DEBUG
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Holds the one thread it is set on (<see cref="QueueSteps.Scheduler"/>, per flow) at the first <see cref="QueueSteps"/>
/// step named <see cref="Step"/> (or the <c>occurrence</c>-th: a caller that looks at the room again after its wait passes
/// the same step a second time) until <see cref="Go"/>; every other step, lock and wait runs as without a scheduler.
/// For a test that forces one interleaving of real threads: one thread held half way, another run up to a point. A
/// scheduled wait (a dispose's drain timeout) waits for what it waits for up to <c>blockFor</c> (default 30 s), then
/// times out as the real one does.
/// </summary>
internal sealed class PauseAtStep(string step, int occurrence = 1, TimeSpan? blockFor = null) : IQueueStepScheduler, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _reached = new();
    private readonly ManualResetEventSlim _go = new();
    private int _held;
    private int _passed;
    private volatile bool _spunAfterGo;

    public string Step { get; } = step;

    /// <summary>Set once the thread is held at the step.</summary>
    public bool WaitUntilHeld() => _reached.Wait(Deadline);

    /// <summary>True once the thread is held at the step (a look, no wait: the thread may end without reaching it).</summary>
    public bool IsHeld => _reached.IsSet;

    /// <summary>Lets the held thread go on (and every later step).</summary>
    public void Go() => _go.Set();

    /// <summary>True once the thread went round a spin after <see cref="Go"/>: it waits for another thread to move.</summary>
    public bool SpunAfterGo => _spunAfterGo;

    public void Dispose()
    {
        _go.Set();
        _reached.Dispose();
        _go.Dispose();
    }

    void IQueueStepScheduler.Step(string name)
    {
        if (name == Step && Interlocked.Increment(ref _passed) == occurrence && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _reached.Set();
            _go.Wait(Deadline);
        }
    }

    bool IQueueStepScheduler.Block(string name, Func<bool> canGo, QueueStepTimeout timeout) => SpinWait.SpinUntil(canGo, blockFor ?? Deadline);

    void IQueueStepScheduler.Enter(object gate) => Monitor.Enter(gate);

    void IQueueStepScheduler.Exit(object gate) => Monitor.Exit(gate);

    // The scheduler is not told the wait's length: a waiter that wakes early looks at the counts again and sleeps on.
    bool IQueueStepScheduler.Wait(object gate, bool hasTimeout) => Monitor.Wait(gate, hasTimeout ? 100 : Timeout.Infinite);

    void IQueueStepScheduler.Pulse(object gate, bool all)
    {
        if (all)
        {
            Monitor.PulseAll(gate);
        }
        else
        {
            Monitor.Pulse(gate);
        }
    }

    void IQueueStepScheduler.Leave()
    {
    }

    void IQueueStepScheduler.Spin(string name)
    {
        if (_go.IsSet)
        {
            _spunAfterGo = true;
        }

        Thread.Yield();
    }

    Task IQueueStepScheduler.StartWriter(Action run) => Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    bool IQueueStepScheduler.Seeded(QueueFault fault) => false;
}
#endif
