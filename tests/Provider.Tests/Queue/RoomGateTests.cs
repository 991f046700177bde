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
                () => false),
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
}
