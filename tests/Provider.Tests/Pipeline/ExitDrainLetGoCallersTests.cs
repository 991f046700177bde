#if DEBUG
using LoguStyle.Queue;
using LoguStyle.Tests.Queue;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// The exit drain's report of the calls still inside the sinks at its end, when one of them is a caller the give-up of a
/// stuck Wait-mode queue let go from waiting for room and the scheduler has not run out of that wait yet (held here at its
/// look at the room after the close woke it). It is in no stuck sink: its record there is dropped and counted.
/// </summary>
public sealed class ExitDrainLetGoCallersTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _never = new();
    private readonly ManualResetEventSlim _entered = new();

    public void Dispose()
    {
        _never.Set();
        _never.Dispose();
        _entered.Dispose();
    }

    /// <summary>
    /// Outside re-test of issue 15, E: in 1-6 of 12 exits a stderr line said logging calls were "still writing ... (a sink
    /// stuck in its output)" after the give-up line, while the meter and drop lines showed them to be callers waiting at
    /// the full queue, whose records the give-up dropped and counted.
    /// </summary>
    [Fact]
    public void Drain_ACallerLetGoFromTheRoomOfAGivenUpQueueNotYetOut_IsReportedAsLetGo_NotAsStuckInASink()
    {
        using var output = new StringWriter();
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(1), DrainOnExit = false };
        options.Sinks.Add(new DelegateSinkOptions("stuck", record =>
        {
            if (record.Category == "c")
            {
                _entered.Set();
                _never.Wait();
            }
        })
        { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.Wait });
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(output));
        using var steps = new PauseAtStep("counters.is-full", occurrence: 2);
        Thread? waiter = null;
        try
        {
            var queue = Assert.IsType<QueuedSink>(Assert.Single(provider.CurrentSinks));
            var logger = provider.CreateLogger("c");

            // The first record holds the writer in the sink; the second fills the queue; the third waits for room, in a
            // logging call the drain watches.
            logger.LogInformation("r0");
            Assert.True(_entered.Wait(Deadline));
            logger.LogInformation("r1");
            waiter = new Thread(() =>
            {
                QueueSteps.Scheduler = steps;
                logger.LogInformation("waits");
            })
            { IsBackground = true };
            waiter.Start();
            Assert.True(SpinWait.SpinUntil(() => queue.CallersAsleepForRoom == 1, Deadline));

            // The give-up's close wakes the waiter, which is held at its next look at the room, still in the wait.
            LoguStyle.Pipeline.ExitDrain.Drain(provider, "exiting", processEnds: true);

            var text = output.ToString();
            Assert.True(steps.IsHeld, text);
            Assert.True(
                text.Contains("LoguStyle: the process is exiting; 1 logging call(s) let go from waiting for room in a queue the exit gave up on had not left that wait after 1 s", StringComparison.Ordinal)
                && !text.Contains("still writing to the sinks", StringComparison.Ordinal),
                text);
        }
        finally
        {
            steps.Go();
            Assert.True(waiter?.Join(Deadline) ?? true);
            _never.Set();
            provider.Dispose();
        }
    }
}
#endif
