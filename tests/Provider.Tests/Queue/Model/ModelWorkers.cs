using System.Collections.Concurrent;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Threads kept between schedules for the test's own threads under a <see cref="StepScheduler"/> (producers, flusher,
/// disposer, the setup, and the queue's writer through <see cref="QueueSteps.StartWriter"/>): a schedule starts five or
/// six of them, and a new thread for each took half of a search's time.
/// </summary>
internal static class ModelWorkers
{
    private static readonly BlockingCollection<Action> Work = [];
    private static int s_idle;

    /// <summary>Runs <paramref name="body"/> on an idle worker (a new one when none is idle), in a flow of its own.</summary>
    public static void Run(Action body)
    {
        if (Interlocked.Decrement(ref s_idle) < 0)
        {
            Interlocked.Increment(ref s_idle);
            using (ExecutionContext.SuppressFlow())
            {
                new Thread(Loop) { IsBackground = true, Name = "model worker" }.Start();
            }
        }

        Work.Add(body);
    }

    private static void Loop()
    {
        // Each body runs in the worker's own empty flow and leaves nothing in it: what a body sets in its flow (the
        // scheduler, a queue writer's mark, which makes a record logged on the thread drop instead of wait) must not
        // reach the next body this worker runs (a producer after a writer).
        var empty = ExecutionContext.Capture()!;
        while (true)
        {
            var body = Work.Take();
            try
            {
                ExecutionContext.Run(empty, static b => ((Action)b!)(), body);
            }
            finally
            {
                Interlocked.Increment(ref s_idle);
            }
        }
    }
}
