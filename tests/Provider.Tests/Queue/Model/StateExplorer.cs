namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Every state a scenario can reach, each explored once: a depth-first search over the moves possible in each state, which
/// stops a schedule as soon as it reaches a state an earlier schedule reached (<see cref="StepScheduler.State"/>, the
/// whole state as text; see <see cref="QueueState"/>). The threads are real, so a state cannot be saved and resumed:
/// each schedule replays the choices that led to the state it branches from, on a fresh queue.
/// </summary>
/// <remarks>
/// Complete for what the scenario checks: the checks after each step are functions of the state (the text holds all
/// they read), and the end checks of the end state; a state reached again has the same moves and the same futures as
/// the first time, and the search explores every move of the first visit (depth first, so by the time the search ends
/// every state reachable from it was reached). Unlike the partial order reduction that came before, it does not need
/// to know which moves commute, and a loop that comes back to a state it was in ends there (a wait that re-checks and
/// finds nothing changed). What it needs instead is that equal text means equal states: <see cref="QueueState"/> argues
/// it.
/// </remarks>
internal sealed class StateExplorer : IScheduleChooser
{
    // For each state reached: the moves that were asleep when it was first explored (and were therefore not run from
    // it), and the moves it offered (a state reached again must offer the same, else its text misses something). Moves
    // as bits (Bit): 32 bytes a state, so that a search of millions of states fits in memory.
    private readonly Dictionary<(ulong, ulong), (ulong Asleep, ulong Offered)> _visited = [];

    private readonly List<Node> _stack = [];

    private readonly Random? _random;
    private int _reported;

    /// <summary>A search that runs the moves of each state in the order they are offered (the running thread first).</summary>
    public StateExplorer()
    {
    }

    /// <summary>
    /// A search that runs the moves of each state in an order drawn from <paramref name="seed"/>: the same states, in
    /// another order, the same on every run; it reaches a defect that needs an early preemption sooner.
    /// </summary>
    public StateExplorer(int seed) => _random = new Random(seed);

    /// <summary>The places in the code where the threads parked, kept from one schedule to the next (see <see cref="PcMemo"/>).</summary>
    public PcMemo Memo { get; } = new();

    /// <summary>Called with the states and schedules so far each time another 20,000 states were reached (a long search's progress).</summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Schedules run (to their end, or to a state already explored).</summary>
    public int Schedules { get; private set; }

    /// <summary>Distinct states reached.</summary>
    public int States => _visited.Count;

    /// <summary>
    /// Runs schedules of <paramref name="run"/> (it runs one with the chooser it is given and throws
    /// <see cref="ModelViolation"/>) until every state was explored (exhausted), <paramref name="maxSchedules"/> ran, or
    /// <paramref name="maxStates"/> states were reached. A budget of schedules and states, not of time: the same
    /// configuration explores the same states in the same order on every run.
    /// </summary>
    public (int Schedules, int States, bool Exhausted, string? Violation) Explore(Action<IScheduleChooser> run, int maxSchedules, int maxStates = int.MaxValue)
    {
        while (true)
        {
            Schedules++;

            // The moves below the deepest state are the schedule before's; the move from it is new.
            Memo.SameThrough = _stack.Count - 2;
            Memo.Check = Schedules % 32 == 1;
            try
            {
                run(this);
            }
            catch (ModelViolation violation)
            {
                return (Schedules, States, false, violation.Message);
            }

            // Back to the deepest state with a move left to run: the move just explored from it falls asleep there.
            while (_stack.Count > 0)
            {
                var node = _stack[^1];
                node.Sleep.Add(node.Chosen);
                node.Todo.Remove(node.Chosen);
                if (node.Todo.Count > 0)
                {
                    node.Chosen = node.Todo[0];
                    break;
                }

                _stack.RemoveAt(_stack.Count - 1);
            }

            if (_stack.Count == 0)
            {
                return (Schedules, States, true, null);
            }

            if (Progress is { } progress && States >= _reported + 20_000)
            {
                _reported = States - (States % 20_000);
                progress(States, Schedules);
            }

            if (Schedules >= maxSchedules || States >= maxStates)
            {
                return (Schedules, States, false, null);
            }
        }
    }


    public int? Choose(StepScheduler scheduler, int depth, IReadOnlyList<ScheduleOption> options)
    {
        if (depth < _stack.Count)
        {
            // Replaying the way to the state this schedule branches from: the same state offers the same moves.
            var chosen = _stack[depth].Chosen;
            var index = options.ToList().FindIndex(o => o.Thread == chosen.Thread && o.TimeOut == chosen.TimeOut);
            if (index < 0)
            {
                throw new InvalidOperationException($"the schedule did not replay at step {depth}");
            }

            return index;
        }

        var moves = options.Select(o => new Move(o.Thread, o.TimeOut, QueueFootprints.Of(scheduler, o))).ToList();

        // Asleep here: what was asleep in the state before, or explored from it before the move that led here, and does
        // not depend on that move (it would lead to a state reached from the other order).
        var sleep = new List<Move>();
        if (depth > 0)
        {
            var parent = _stack[depth - 1];
            sleep.AddRange(parent.Sleep.Where(s => !s.Footprint.ConflictsWith(parent.Chosen.Footprint) && moves.Any(m => m.Thread == s.Thread && m.TimeOut == s.TimeOut)));
        }

        var asleep = sleep.Aggregate(0UL, (mask, m) => mask | Bit(m));
        var text = scheduler.State!();
        var key = Hash(text);
        List<Move> todo;
        var offered = moves.Aggregate(0UL, (mask, m) => mask | Bit(m));
        LookForALoop(scheduler, depth, key);
        if (_visited.TryGetValue(key, out var before))
        {
            if (before.Offered != offered)
            {
                throw new InvalidOperationException($"a state reached again offers other moves ({before.Offered:x} then, {offered:x} now): its text misses something\n{scheduler.State!()}");
            }

            // Reached before with the moves of `before` asleep: everything else was run from it then. Only the moves
            // asleep then and awake now are left (Godefroid's sleep sets with state caching).
            todo = [.. moves.Where(m => (before.Asleep & Bit(m)) != 0 && (asleep & Bit(m)) == 0)];
            _visited[key] = (before.Asleep & asleep, offered);
        }
        else
        {
            _visited[key] = (asleep, offered);
            todo = [.. moves.Where(m => (asleep & Bit(m)) == 0)];
        }

        if (todo.Count == 0)
        {
            return null;
        }

        if (_random is { } random)
        {
            // The order of the moves to run from here, not which: a search that finds an early preemption sooner.
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(todo));
        }

        var node = new Node(todo, sleep, todo[0]) { Key = key };
        _stack.Add(node);
        return options.ToList().FindIndex(o => o.Thread == node.Chosen.Thread && o.TimeOut == node.Chosen.TimeOut);
    }

    /// <summary>
    /// A state met again on the way to it: the moves since are a loop the schedule can go round for ever. When one thread
    /// made them all (no timeout among them) and no other thread can move in it, that thread alone goes round without end
    /// (a writer that never ends after dispose): a violation, though every state of it was seen. A loop with moves of several threads needs each of
    /// them, and the search closes it as any state met again (a wait that looked and found nothing changed).
    /// </summary>
    private void LookForALoop(StepScheduler scheduler, int depth, (ulong, ulong) key)
    {
        for (var j = 0; j < depth; j++)
        {
            if (_stack[j].Key != key)
            {
                continue;
            }

            // Only when no other thread can move here: a spin whose loop another thread that can move would end (a caller
            // waiting for the writer to count the record it read) is a loop only an unfair scheduler keeps going.
            var moves = _stack.Skip(j).Take(depth - j).Select(n => n.Chosen).ToList();
            if (moves.All(m => m.Thread == moves[0].Thread && !m.TimeOut)
                && Enumerable.Range(0, scheduler.Threads.Count).All(t => t == moves[0].Thread || !scheduler.CanStep(t)))
            {
                throw new ModelViolation($"{scheduler.Threads[moves[0].Thread].Name} goes round a loop of {moves.Count} moves for ever ({scheduler.Describe()})");
            }

            return;
        }
    }

    /// <summary>
    /// Two 64-bit hashes of the text, four characters at a time (a multiply-xorshift mix per word, and an FNV-1a style
    /// one): the visited set holds 16 bytes per state. A collision of both (odds about n^2 / 2^129) would skip a state;
    /// with a few million states that does not happen in practice. Deterministic (no per-process seed): the counts of a
    /// search are the same in every run.
    /// </summary>
    internal static (ulong, ulong) Hash(string key)
    {
        var a = 14695981039346656037UL ^ (ulong)key.Length;
        var b = 0x9E3779B97F4A7C15UL;
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(key.AsSpan());
        foreach (var w in words)
        {
            a = (a ^ w) * 1099511628211UL;
            b = (b ^ w) * 0xBF58476D1CE4E5B9UL;
            b ^= b >> 31;
        }

        foreach (var c in key.AsSpan(words.Length * 4))
        {
            a = (a ^ c) * 1099511628211UL;
            b = (b ^ c) * 0xBF58476D1CE4E5B9UL;
            b ^= b >> 31;
        }

        return (a ^ (a >> 29), b);
    }

    /// <summary>A move as a bit: its thread's step, or its thread's timeout (32 threads at most).</summary>
    private static ulong Bit(Move move) => 1UL << ((move.Thread * 2) + (move.TimeOut ? 1 : 0));

    /// <summary>A move possible at a state: a thread's next step, or its wait's timeout, and what it touches.</summary>
    private readonly record struct Move(int Thread, bool TimeOut, StepFootprint Footprint);

    /// <summary>A state on the current schedule: the moves left to run from it, those asleep, the one taken.</summary>
    private sealed class Node(List<Move> todo, List<Move> sleep, Move chosen)
    {
        public List<Move> Todo { get; } = todo;

        public List<Move> Sleep { get; } = sleep;

        public Move Chosen { get; set; } = chosen;

        /// <summary>The state the move is chosen in.</summary>
        public (ulong, ulong) Key { get; init; }
    }
}
