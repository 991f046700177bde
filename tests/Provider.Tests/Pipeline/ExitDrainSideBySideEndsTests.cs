#if DEBUG
using System.Diagnostics;
using LoguStyle.Queue;
using LoguStyle.Tests.Queue;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// Review of issue 15 (finding 5, low): the exit drain started each queue's end one after another, and the start of an
/// end waits up to <see cref="QueuedSink.WaitersLeave"/> for the callers its give-up woke: k stuck queues whose waiting
/// callers could not leave added k of those waits past the ExitTimeout. The ends now wait side by side. Forced here: in
/// each of eight stuck Wait-mode queues a waiter is held with its new ticket (a caller the scheduler keeps off its core),
/// so each end waits its whole WaitersLeave: side by side the drain takes about ExitTimeout + 0.25 s, one after another
/// ExitTimeout + 2 s; the bound, ExitTimeout + 1 s, leaves a loaded machine 0.75 s and still fails the one-after-another
/// drain by a second (with four queues the two were 0.75 s apart and the bound left 0.25 s, which a loaded CI machine's
/// scheduling could take).
/// </summary>
public sealed class ExitDrainSideBySideEndsTests : IDisposable
{
    private const int Queues = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(1);
    private readonly ManualResetEventSlim _never = new();
    private readonly ManualResetEventSlim[] _entered = [.. Enumerable.Range(0, Queues).Select(_ => new ManualResetEventSlim())];

    public void Dispose()
    {
        _never.Set();
        _never.Dispose();
        foreach (var entered in _entered)
        {
            entered.Dispose();
        }
    }

    [Fact]
    public void Drain_EightStuckWaitQueuesEachWithAWaiterThatCannotLeave_EndsWithinTheExitTimeoutAndASecond()
    {
        using var output = new StringWriter();
        var options = new LoguStyleLoggerOptions { ExitTimeout = ExitTimeout, DrainOnExit = false };
        for (var i = 0; i < Queues; i++)
        {
            var entered = _entered[i];
            options.Sinks.Add(new DelegateSinkOptions($"stuck{i}", _ =>
            {
                entered.Set();
                _never.Wait();
            })
            { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.Wait });
        }

        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(output));
        var waiters = new List<(Thread Thread, PauseAtStep Steps)>();
        try
        {
            var queues = provider.CurrentSinks.OfType<QueuedSink>().ToList();
            Assert.Equal(Queues, queues.Count);
            for (var i = 0; i < Queues; i++)
            {
                var queue = queues[i];

                // The first record holds the writer in the sink; the second fills the queue; the third waits for room.
                queue.Emit(Record("r0"));
                Assert.True(_entered[i].Wait(Deadline));
                queue.Emit(Record("r1"));

                // Held at its second look at the room, under the new ticket its wake-up took (a stop time wakes it).
                var steps = new PauseAtStep("counters.is-full", occurrence: 2);
                var waiter = new Thread(() =>
                {
                    QueueSteps.Scheduler = steps;
                    queue.Emit(Record("waits"));
                })
                { IsBackground = true };
                waiter.Start();
                waiters.Add((waiter, steps));
                Assert.True(SpinWait.SpinUntil(() => queue.CallersAsleepForRoom == 1, Deadline));
                queue.StopWaitingAt(Environment.TickCount64);
                Assert.True(steps.WaitUntilHeld());
            }

            var clock = Stopwatch.StartNew();
            LoguStyle.Pipeline.ExitDrain.Drain(provider, "exiting", processEnds: true);
            var took = clock.Elapsed;

            Assert.True(
                took < ExitTimeout + TimeSpan.FromSeconds(1),
                $"the exit drain took {took.TotalMilliseconds:0} ms with {Queues} stuck queues (ExitTimeout {ExitTimeout.TotalMilliseconds:0} ms); stderr:\n{output}");
            for (var i = 0; i < Queues; i++)
            {
                Assert.Contains($"sink 'stuck{i}' could not write", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var (thread, steps) in waiters)
            {
                steps.Go();
                Assert.True(thread.Join(Deadline));
                steps.Dispose();
            }

            _never.Set();
            provider.Dispose();
        }
    }

    private static LogRecord Record(string message) => new(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", message);
}
#endif
