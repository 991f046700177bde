using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue;

public class RoomGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // SignalOne returns within microseconds when it takes no lock; long enough for a loaded machine, short enough that
    // the failing case (blocked on the caller's lock until the test lets the caller go) ends the test soon.
    private static readonly TimeSpan SignalDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The writer's wake-up after each record it takes (SignalOne) takes the gate's lock only for a caller asleep or
    /// about to sleep, not for one awake in the gate (here: looking at the counts, which it does holding the lock).
    /// Before, every caller inside counted, and the writer blocked on the lock of the caller it had just woken: with the
    /// queue full, 3-4 times the context switches of 53b7339 on both threads (issue 16; docs/benchmarks.md).
    /// </summary>
    [Fact]
    public async Task SignalOne_WhileTheOnlyCallerInTheGateIsAwake_ReturnsWithoutWaitingForItsLock()
    {
        using var gate = new RoomGate(() => 0);
        using var looking = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var caller = Task.Factory.StartNew(
            () => gate.WaitForRoom(
                () =>
                {
                    looking.Set();
                    return release.Wait(Deadline);
                },
                () => false,
                long.MaxValue),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            Assert.True(looking.Wait(Deadline));
            await Task.Run(gate.SignalOne).WaitAsync(SignalDeadline);
        }
        finally
        {
            release.Set();
        }

        Assert.True(await caller.WaitAsync(Deadline));
    }

    /// <summary>
    /// The awake wait for a batch never holds a caller behind a writer that takes nothing (a stuck sink, a writer without
    /// a core): it returns without the batch once the writer's count has not moved for the stall time, and the caller
    /// then looks for room, or sleeps, in the gate as before.
    /// </summary>
    [Fact]
    public async Task SpinForRoom_WhileTheWriterTakesNothing_ReturnsWithoutTheBatch()
    {
        using var gate = new RoomGate(() => 0);
        var spin = Task.Factory.StartNew(() => gate.SpinForRoom(() => false), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await spin.WaitAsync(SignalDeadline);
        Assert.Equal(0, gate.Sleeping);
    }

    /// <summary>
    /// One caller spins at a time, and none while a caller waits in the gate: the others go into the gate at once (on two
    /// cores a second spinner would take the core the writer needs, and a spinner would pass the callers who came first).
    /// </summary>
    [Fact]
    public async Task SpinForRoom_WhileAnotherCallerSpins_ReturnsAtOnce()
    {
        using var gate = new RoomGate(() => 0);
        using var release = new ManualResetEventSlim();
        using var spinning = new ManualResetEventSlim();

        // The first caller's look for a batch holds it in its spin until the test lets it go.
        var first = Task.Factory.StartNew(
            () => gate.SpinForRoom(() =>
            {
                spinning.Set();
                return release.Wait(Deadline);
            }),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            Assert.True(spinning.Wait(Deadline));
            var looked = false;
            await Task.Run(() => gate.SpinForRoom(() => looked = true)).WaitAsync(SignalDeadline);
            Assert.False(looked, "a second caller spun while the first did");
        }
        finally
        {
            release.Set();
        }

        await first.WaitAsync(Deadline);
    }
}
