namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Depth first over the schedules of a scenario, each replayed from the start on a fresh queue (stateless: the threads'
/// state cannot be saved, so a prefix of choices is replayed instead). Bounded as CHESS bounds it: a schedule may
/// preempt a thread that could go on at most <c>preemptions</c> times (switches at a wait are free), and the search
/// stops after <c>maxSchedules</c>. Within the bound it is exhaustive: every schedule with that few preemptions runs.
/// </summary>
internal static class ScheduleExplorer
{
    /// <summary>The schedules run, whether the bound was exhausted, and the first violation (with its schedule).</summary>
    public static (int Schedules, bool Exhausted, string? Violation) Explore(Func<IReadOnlyList<int>, List<ScheduleDecision>> run, int preemptions, int maxSchedules)
    {
        var prefix = new List<int>();
        var schedules = 0;
        while (true)
        {
            List<ScheduleDecision> trace;
            schedules++;
            try
            {
                trace = run(prefix);
            }
            catch (ModelViolation violation)
            {
                return (schedules, false, violation.Message);
            }

            if (!Backtrack(trace, preemptions, prefix))
            {
                return (schedules, true, null);
            }

            if (schedules >= maxSchedules)
            {
                return (schedules, false, null);
            }
        }
    }

    /// <summary>Sets <paramref name="prefix"/> to the next schedule after <paramref name="trace"/>; false when there is none.</summary>
    private static bool Backtrack(List<ScheduleDecision> trace, int preemptions, List<int> prefix)
    {
        var before = new int[trace.Count + 1];
        for (var i = 0; i < trace.Count; i++)
        {
            before[i + 1] = before[i] + (trace[i].IsPreemption(trace[i].Chosen) ? 1 : 0);
        }

        for (var i = trace.Count - 1; i >= 0; i--)
        {
            var decision = trace[i];
            for (var next = decision.Chosen + 1; next < decision.Options.Count; next++)
            {
                if (before[i] + (decision.IsPreemption(next) ? 1 : 0) <= preemptions)
                {
                    prefix.Clear();
                    prefix.AddRange(trace.Take(i).Select(d => d.Chosen));
                    prefix.Add(next);
                    return true;
                }
            }
        }

        return false;
    }
}
