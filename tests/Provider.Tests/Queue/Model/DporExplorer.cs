namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Every schedule of a scenario, up to the reordering of moves that commute: source-set dynamic partial order reduction
/// with sleep sets (Abdulla, Aronis, Jonsson, Sagonas: "Optimal dynamic partial order reduction", POPL 2014, algorithm 1),
/// stateless (each schedule is replayed from the start on a fresh queue, the threads' state cannot be saved), with no
/// bound on preemptions or on the number of schedules but a guard against a runaway search. Two moves of different
/// threads are dependent when their footprints conflict (<see cref="QueueFootprints"/>, which argues why that is sound).
/// </summary>
/// <remarks>
/// The search explores at least one schedule of every class of equivalent schedules (Mazurkiewicz traces: schedules that
/// differ only in the order of adjacent independent moves), and all schedules of a class end in the same state. A
/// schedule is cut short when every move possible is in the sleep set (each would only repeat a class already explored).
/// After each schedule the races are found (two dependent moves of different threads with no move between them in the
/// happens-before order; happens-before from vector clocks over the schedule), and for each race a thread that starts
/// the reversed order is added to the choices still to explore at the state before the first move of the race.
/// </remarks>
internal sealed class DporExplorer : IScheduleChooser
{
    private readonly List<Node> _stack = [];
    private readonly List<Event> _events = [];
    private bool _cut;

    /// <summary>Schedules run (complete or cut short).</summary>
    public int Schedules { get; private set; }

    /// <summary>Schedules cut short because every move possible was asleep.</summary>
    public int Cut { get; private set; }

    /// <summary>Runs every schedule of <paramref name="run"/> (it runs one schedule with the chooser it is given and throws <see cref="ModelViolation"/>).</summary>
    public (int Schedules, int Cut, bool Exhausted, string? Violation) Explore(Action<IScheduleChooser> run, int maxSchedules)
    {
        while (true)
        {
            _events.Clear();
            _cut = false;
            Schedules++;
            try
            {
                run(this);
            }
            catch (ModelViolation violation)
            {
                return (Schedules, Cut, false, violation.Message);
            }

            if (_cut)
            {
                Cut++;
            }

            AddRaces();
            if (!Next())
            {
                return (Schedules, Cut, true, null);
            }

            if (Schedules >= maxSchedules)
            {
                return (Schedules, Cut, false, null);
            }
        }
    }

    public int? Choose(StepScheduler scheduler, int depth, IReadOnlyList<ScheduleOption> options)
    {
        var moves = options.Select(o => new Move(o.Thread, o.TimeOut, QueueFootprints.Of(scheduler, o))).ToList();
        Node node;
        if (depth < _stack.Count)
        {
            // Replaying: the same state must offer the same moves.
            node = _stack[depth];
            if (!node.Enabled.Select(m => (m.Thread, m.TimeOut)).SequenceEqual(moves.Select(m => (m.Thread, m.TimeOut))))
            {
                throw new InvalidOperationException($"the schedule did not replay at step {depth}: {string.Join(",", node.Enabled)} then, {string.Join(",", moves)} now");
            }
        }
        else
        {
            // A new state: what was asleep before the last move and does not depend on it stays asleep.
            var sleep = new List<Move>();
            if (depth > 0)
            {
                var parent = _stack[depth - 1];
                sleep.AddRange(parent.Sleep.Where(s => !s.Footprint.ConflictsWith(parent.Chosen.Footprint) && moves.Any(m => m.Thread == s.Thread)));
            }

            var awake = moves.FindIndex(m => !sleep.Any(s => s.Thread == m.Thread));
            if (awake < 0)
            {
                // Every move here only repeats schedules already explored.
                _cut = true;
                return null;
            }

            var first = moves[awake];
            node = new Node(moves, sleep, first);
            node.Backtrack.Add(first.Thread);
            _stack.Add(node);
        }

        _events.Add(new Event(node.Chosen.Thread, node.Chosen.Footprint));
        return moves.FindIndex(m => m.Thread == node.Chosen.Thread);
    }

    /// <summary>Moves to the deepest state with a choice left to explore; false when there is none.</summary>
    private bool Next()
    {
        // States past the end of a schedule cut short were never reached in it.
        if (_stack.Count > _events.Count)
        {
            _stack.RemoveRange(_events.Count, _stack.Count - _events.Count);
        }

        for (var k = _stack.Count - 1; k >= 0; k--)
        {
            var node = _stack[k];
            node.Sleep.Add(node.Chosen);
            var next = node.Enabled.FindIndex(m => node.Backtrack.Contains(m.Thread) && !node.Sleep.Any(s => s.Thread == m.Thread));
            if (next >= 0)
            {
                node.Chosen = node.Enabled[next];
                _stack.RemoveRange(k + 1, _stack.Count - k - 1);
                return true;
            }

            _stack.RemoveAt(k);
        }

        return false;
    }

    /// <summary>Finds the races of the last schedule and adds a reversal of each to the choices of the state before it.</summary>
    private void AddRaces()
    {
        var n = _events.Count;
        var threads = _events.Count == 0 ? 0 : _events.Max(e => e.Thread) + 1;
        var local = new int[n];
        var clocks = new int[n][];
        var counts = new int[threads];
        var last = Enumerable.Repeat(-1, threads).ToArray();
        for (var j = 0; j < n; j++)
        {
            var e = _events[j];
            local[j] = counts[e.Thread]++;
            var clock = last[e.Thread] >= 0 ? (int[])clocks[last[e.Thread]].Clone() : new int[threads];
            for (var i = 0; i < j; i++)
            {
                if (_events[i].Thread != e.Thread && _events[i].Footprint.ConflictsWith(e.Footprint))
                {
                    Join(clock, clocks[i]);
                }
            }

            clock[e.Thread] = local[j] + 1;
            clocks[j] = clock;
            last[e.Thread] = j;
        }

        for (var j = 0; j < n; j++)
        {
            var e = _events[j];

            // Backwards over j's direct predecessors, joining their clocks: a dependent move i of another thread races j
            // when no later direct predecessor of j happens after i.
            var after = new int[threads];
            for (var i = j - 1; i >= 0; i--)
            {
                var d = _events[i];
                var sameThread = d.Thread == e.Thread;
                if (!sameThread && !d.Footprint.ConflictsWith(e.Footprint))
                {
                    continue;
                }

                if (!sameThread && after[d.Thread] < local[i] + 1)
                {
                    Reverse(i, j, clocks, local);
                }

                Join(after, clocks[i]);
            }
        }
    }

    /// <summary>Adds to the state before move <paramref name="i"/> a thread that starts the order where <paramref name="j"/> comes first.</summary>
    private void Reverse(int i, int j, int[][] clocks, int[] local)
    {
        var node = _stack[i];
        var ti = _events[i].Thread;
        var threads = clocks[j].Length;

        // v: the moves after i that do not happen after it, then j. Its initials: threads whose first move in v has no
        // move of v before it in the happens-before order.
        var first = Enumerable.Repeat(-1, threads).ToArray();
        var initials = new List<int>();
        for (var k = i + 1; k <= j; k++)
        {
            if (k < j && clocks[k][ti] >= local[i] + 1)
            {
                continue;
            }

            var t = _events[k].Thread;
            if (first[t] < 0)
            {
                var initial = true;
                for (var u = 0; u < threads; u++)
                {
                    if (u != t && first[u] >= 0 && clocks[k][u] >= first[u] + 1)
                    {
                        initial = false;
                        break;
                    }
                }

                first[t] = local[k];
                if (initial)
                {
                    initials.Add(t);
                }
            }
        }

        if (initials.Any(node.Backtrack.Contains))
        {
            return;
        }

        // A race whose reversal cannot start here (its initial thread waits at that state) is not reversible.
        var tj = _events[j].Thread;
        var pick = initials.Contains(tj) && node.Enabled.Any(m => m.Thread == tj) ? tj : initials.FirstOrDefault(t => node.Enabled.Any(m => m.Thread == t), -1);
        if (pick >= 0)
        {
            node.Backtrack.Add(pick);
        }
    }

    private static void Join(int[] into, int[] other)
    {
        for (var t = 0; t < into.Length; t++)
        {
            into[t] = Math.Max(into[t], other[t]);
        }
    }

    /// <summary>A move possible at a state: a thread's next step, or its wait's timeout, and what it touches.</summary>
    private readonly record struct Move(int Thread, bool TimeOut, StepFootprint Footprint);

    /// <summary>A move made in the schedule.</summary>
    private readonly record struct Event(int Thread, StepFootprint Footprint);

    /// <summary>A state of the schedule being explored: its moves, those asleep (explored or redundant), the choices to explore, the move taken.</summary>
    private sealed class Node(List<Move> enabled, List<Move> sleep, Move chosen)
    {
        public List<Move> Enabled { get; } = enabled;

        public List<Move> Sleep { get; } = sleep;

        public HashSet<int> Backtrack { get; } = [];

        public Move Chosen { get; set; } = chosen;
    }
}
