using System.Collections.Concurrent;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Threads kept between schedules for the test's own threads under a <see cref="StepScheduler"/> (producers, flusher,
/// disposer, the setup): a schedule starts five or six of them, and a new thread for each took half of a search's time.
/// The queue's writer is not among them: the queue starts its own.
/// </summary>
internal static class ModelWorkers
{
    private static readonly BlockingCollection<Action> Work = [];
    private static int s_idle;

    /// <summary>Runs <paramref name="body"/> on an idle worker (a new one when none is idle); the flow's scheduler is cleared after it.</summary>
    public static void Run(Action body)
    {
        if (Interlocked.Decrement(ref s_idle) < 0)
        {
            Interlocked.Increment(ref s_idle);
            new Thread(Loop) { IsBackground = true, Name = "model worker" }.Start();
        }

        Work.Add(body);
    }

    private static void Loop()
    {
        while (true)
        {
            var body = Work.Take();
            try
            {
                body();
            }
            finally
            {
                QueueSteps.Scheduler = null;
                Interlocked.Increment(ref s_idle);
            }
        }
    }
}
