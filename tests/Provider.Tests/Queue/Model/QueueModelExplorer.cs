namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// A small deterministic scheduler: runs every interleaving of a <see cref="QueueModel"/> (depth first, each state
/// once), checking the invariants after every step, every end state, and that no state short of an end is stuck.
/// </summary>
internal static class QueueModelExplorer
{
    /// <summary>The result: the number of distinct states, or the first violation with the schedule that led to it.</summary>
    public static (int States, string? Violation) Explore(QueueModel start, int maxStates = 3_000_000)
    {
        var visited = new HashSet<(ulong, ulong)> { Hash(start.Key()) };
        var stack = new Stack<(QueueModel State, string Path)>();
        stack.Push((start, ""));
        while (stack.Count > 0)
        {
            var (state, path) = stack.Pop();
            var moved = false;
            for (var thread = 0; thread < state.Threads; thread++)
            {
                if (!state.Enabled(thread))
                {
                    continue;
                }

                moved = true;
                var next = state.Clone();
                var step = path.Length < 400 ? path + thread.ToString(System.Globalization.CultureInfo.InvariantCulture) : path;
                try
                {
                    next.Step(thread);
                }
                catch (ModelViolation violation)
                {
                    return (visited.Count, $"{violation.Message} (schedule {step})");
                }

                if (visited.Add(Hash(next.Key())))
                {
                    if (visited.Count > maxStates)
                    {
                        return (visited.Count, "too many states");
                    }

                    stack.Push((next, step));
                }
            }

            if (moved)
            {
                continue;
            }

            if (!state.IsProperEnd)
            {
                return (visited.Count, $"stuck: no thread can move (schedule {path})");
            }

            try
            {
                state.CheckFinal();
            }
            catch (ModelViolation violation)
            {
                return (visited.Count, $"{violation.Message} (schedule {path})");
            }
        }

        return (visited.Count, null);
    }

    private static (ulong, ulong) Hash(string key) => StateExplorer.Hash(key);
}
