using System.Diagnostics;
using LoguStyle.SideBySide;

namespace LoguStyle.InProcessAb;

/// <summary>
/// Runs one slice of a scenario against one build. The slice ends with the provider's flush, inside the clock: an
/// enqueued sink's backlog is then written within its own build's slice, not during the other build's. Disabled writes
/// nothing, so it has no flush: its calls take under a millisecond a slice, and a flush's own fixed cost would weigh
/// as much as the calls or more.
/// </summary>
internal static class SliceRunner
{
    public const int ThreadCount = 4;

    /// <summary>Logs <paramref name="calls"/> records with the ids <paramref name="firstId"/> onward, then flushes.</summary>
    public static SliceSample Run(LoggingSession session, Scenario scenario, int firstId, int calls) =>
        scenario == Scenario.Threads ? RunThreads(session, firstId, calls) : RunOneThread(session, scenario, firstId, calls);

    private static SliceSample RunOneThread(LoggingSession session, Scenario scenario, int firstId, int calls)
    {
        var logger = session.Logger;
        var end = firstId + calls;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        // A loop per scenario, not a switch per call: the loop body is then the call alone, as in SideBySide.
        switch (scenario)
        {
            case Scenario.Template:
                for (var id = firstId; id < end; id++)
                {
                    Orders.LogTemplate(logger, id);
                }

                break;
            case Scenario.LoggerMessage:
                for (var id = firstId; id < end; id++)
                {
                    Orders.Bought(logger, id, 3, 29.97m);
                }

                break;
            case Scenario.Disabled:
                for (var id = firstId; id < end; id++)
                {
                    Orders.BoughtDebug(logger, id, 3, 29.97m);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "not a one-thread scenario");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var flushNs = scenario == Scenario.Disabled ? 0 : Flush(session);
        return new SliceSample(Stopwatch.GetElapsedTime(start).TotalNanoseconds, allocated, flushNs);
    }

    private static SliceSample RunThreads(LoggingSession session, int firstId, int calls)
    {
        var logger = session.Logger;
        var perThread = calls / ThreadCount;
        var allocated = new long[ThreadCount];
        // The threads are created and started before the clock; the barrier's last arrival (this thread) starts it.
        using var ready = new Barrier(ThreadCount + 1);
        var threads = new Thread[ThreadCount];
        for (var t = 0; t < ThreadCount; t++)
        {
            var index = t;
            threads[t] = new Thread(() =>
            {
                var from = firstId + (index * perThread);
                ready.SignalAndWait();
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var id = from; id < from + perThread; id++)
                {
                    Orders.LogTemplate(logger, id);
                }

                allocated[index] = GC.GetAllocatedBytesForCurrentThread() - before;
            });
            threads[t].Start();
        }

        ready.SignalAndWait();
        var start = Stopwatch.GetTimestamp();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        var flushNs = Flush(session);
        return new SliceSample(Stopwatch.GetElapsedTime(start).TotalNanoseconds, allocated.Sum(), flushNs);
    }

    private static double Flush(LoggingSession session)
    {
        var start = Stopwatch.GetTimestamp();
        session.Flush();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds;
    }

    /// <summary>The calls a slice of <paramref name="calls"/> makes (Threads rounds down to a multiple of 4).</summary>
    public static int CallsMade(Scenario scenario, int calls) => scenario == Scenario.Threads ? calls / ThreadCount * ThreadCount : calls;
}
