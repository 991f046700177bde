using System.Text;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Runs real threads one at a time, switching only at the queue's steps (<see cref="QueueSteps"/>): a thread at a step
/// is parked on its own semaphore until the scheduler picks it, and a thread at a wait is picked only when what it
/// waits for has happened (or its timeout is chosen). The monitors of the code under test are the scheduler's: a thread
/// holds one in the scheduler's books, so <c>Monitor.Wait</c> and <c>Pulse</c> are moves the scheduler sees.
/// One schedule per instance: <see cref="Run(IScheduleChooser, int, Action{StepScheduler})"/> makes the choices of a chooser
/// (<see cref="StateExplorer"/>) and returns every decision it made.
/// </summary>
/// <remarks>
/// The choosing is passed along with the run (a baton): the thread that just took its step makes the next choice itself
/// at its next point, and goes on without a switch when it chooses itself (most moves of a schedule). Only one thread
/// runs at any time, as before, and each choice sees what the one before left (the semaphores order them); the test's
/// thread only starts the schedule and waits for its end. A choice made by a scheduler thread in between cost two
/// thread switches a move, most of a search's time.
/// </remarks>
internal sealed class StepScheduler : IQueueStepScheduler
{
    // A step of a real thread takes microseconds; one that does not come back in this time is in a wait the
    // scheduler does not know (a defect of the harness, or a real deadlock outside the queue's waits).
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);

    [ThreadStatic]
    private static ScheduledThread? t_me;

    private readonly List<ScheduledThread> _threads = [];
    private readonly SemaphoreSlim _parked = new(0);
    private readonly Dictionary<object, ScheduledThread?> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, List<ScheduledThread>> _waitSets = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _timeouts = [];
    // For each shared thing of QueueFootprints, how many moves so far wrote it (a spin waits for one that writes what it reads).
    private readonly long[] _versions = new long[64];
    private volatile bool _aborted;
    private volatile string? _failure;
    private bool _adopting = true;

    // The schedule being run (see Run): set by the test's thread before the first choice, then read and written only by
    // the thread that holds the baton.
    private IScheduleChooser? _chooser;
    private Action<StepScheduler>? _afterStep;
    private int _maxSteps;
    private readonly List<ScheduleDecision> _decisions = [];
    private int _running = -1;
    private volatile bool _baton;
    private readonly ManualResetEventSlim _over = new();
    private Exception? _outcome;
    private string _stepping = string.Empty;
    private int _moves;
    private int _toPark;

    /// <summary>Called before each move with the thread that makes it, at its point (see <see cref="QueueState.Capture"/>).</summary>
    public Action<ScheduledThread>? BeforeMove { get; set; }

    /// <summary>The text of the whole state now (see <see cref="QueueState"/>), for a search that visits each state once.</summary>
    public Func<string>? State { get; set; }

    /// <summary>The queue under test, for the footprints that depend on its state (see <see cref="QueueFootprints"/>).</summary>
    public QueuedSink? Sink { get; set; }

    /// <summary>The places in the code kept from the schedule before, when the chooser keeps them (see <see cref="PcMemo"/>).</summary>
    public PcMemo? Memo { get; init; }

    /// <summary>The seeded defects of the queue switched on for this schedule (see <see cref="QueueFault"/>).</summary>
    public IReadOnlySet<QueueFault> Faults { get; init; } = new HashSet<QueueFault>();

    /// <summary>True when the chooser cut the schedule short.</summary>
    public bool Cut { get; private set; }

    /// <summary>The thread that took the last step.</summary>
    public int LastMoved { get; private set; } = -1;

    /// <summary>May the scheduler let a wait with an any-time bound (dispose's drain) time out while others can move?</summary>
    public bool AnyTimeTimeouts { get; init; } = true;

    public IReadOnlyList<ScheduledThread> Threads => _threads;

    /// <summary>The points at which a timeout was chosen, in order.</summary>
    public IReadOnlyList<string> Timeouts => _timeouts;

    /// <summary>Starts a controlled thread, parked before its first step; returns its index.</summary>
    public int Start(string name, Action body)
    {
        ScheduledThread? me = null;
        var index = Adopt(name, null);
        me = _threads[index];
        ModelWorkers.Run(() =>
        {
            QueueSteps.Scheduler = this;
            t_me = me;
            try
            {
                Point("start", null, QueueStepTimeout.None);
                body();
            }
            catch (ScheduleAborted)
            {
            }
#pragma warning disable CA1031 // A failure of the harness on a controlled thread fails the schedule, not the process.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _failure ??= $"{name} threw {ex}";
            }
            finally
            {
                t_me = null;
                Finished(me);
                me.Done.Set();
            }
        });

        // Parked by EndSetup: the threads start side by side, each parks at its first step on its own.
        _toPark++;
        return index;
    }

    /// <summary>Runs a queue's writer on a worker of the scheduler's flow; it parks at its first step (see <see cref="QueueSteps.StartWriter"/>).</summary>
    public Task StartWriter(Action run)
    {
        if (!_adopting)
        {
            throw new InvalidOperationException("a queue was built after the setup: its writer would run outside the schedule");
        }

        var me = _threads[Adopt("writer", null, leavesWithItsTask: true)];

        // As the long-running task: completes when the loop returns, faulted if it throws, continuations inline.
        var ended = new TaskCompletionSource();
        ModelWorkers.Run(() =>
        {
            QueueSteps.Scheduler = this;
            t_me = me;
            try
            {
                run();
                ended.SetResult();
            }
#pragma warning disable CA1031 // The writer's failure is its task's, as for the queue's own thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ended.SetException(ex);
            }
            finally
            {
                // Only now, its task completed: a queue's dispose reads whether that task has (QueuedSink's _loop), and
                // the writer's own Leave comes just before, so a writer that left there was still ending in some replays
                // of a schedule and not in others, which then took other steps ("the schedule did not replay", once,
                // under load).
                if (!me.Finished)
                {
                    Finished(me);
                }

                t_me = null;
                me.Done.Set();
            }
        });
        return ended.Task;
    }

    /// <summary>
    /// Runs <paramref name="setup"/> with the scheduler in the calling thread's flow (a queue built there gives its writer
    /// to the scheduler); EndSetup waits for the threads it started to park. The setup itself takes no step (a queue's
    /// constructor has none).
    /// </summary>
    public void Setup(Action setup, int threadsItStarts)
    {
        var flow = QueueSteps.Scheduler;
        QueueSteps.Scheduler = this;
        try
        {
            setup();
        }
        finally
        {
            QueueSteps.Scheduler = flow;
        }

        _toPark += threadsItStarts;
    }

    /// <summary>Waits for every thread started to park at its first step; no thread may join after this (a step from an unknown thread then fails the schedule).</summary>
    public void EndSetup()
    {
        for (; _toPark > 0; _toPark--)
        {
            WaitParked("a thread of the setup");
        }

        _adopting = false;
    }

    private int IndexOf(ScheduledThread thread)
    {
        lock (_threads)
        {
            return _threads.IndexOf(thread);
        }
    }

    private int Adopt(string name, Thread? thread, bool leavesWithItsTask = false)
    {
        lock (_threads)
        {
            _threads.Add(new ScheduledThread(name, thread) { LeavesWithItsTask = leavesWithItsTask });
            return _threads.Count - 1;
        }
    }

    private void WaitParked(string name)
    {
        if (!_parked.Wait(StepDeadline))
        {
            throw new ModelViolation($"{name} did not reach its first step");
        }
    }

    /// <summary>
    /// Follows <paramref name="prefix"/> (indices into each decision's options), then the choices that need no
    /// preemption; <paramref name="afterStep"/> checks invariants after every step (throws <see cref="ModelViolation"/>).
    /// </summary>
    public List<ScheduleDecision> Run(IReadOnlyList<int> prefix, int maxSteps, Action<StepScheduler> afterStep) =>
        Run(new PrefixChooser(prefix), maxSteps, afterStep);

    /// <summary>
    /// Runs the schedule <paramref name="chooser"/> chooses; <paramref name="afterStep"/> checks invariants after every
    /// step (throws <see cref="ModelViolation"/>). When the chooser cuts the schedule short, every thread is unwound and
    /// <see cref="Cut"/> is true.
    /// </summary>
    public List<ScheduleDecision> Run(IScheduleChooser chooser, int maxSteps, Action<StepScheduler> afterStep)
    {
        (_chooser, _afterStep, _maxSteps) = (chooser, afterStep, maxSteps);
        _baton = true;
        Next(afterMove: false)?.Go.Release();

        // The threads pass the baton among themselves; a move that does not come back in time leaves the count of moves still.
        var seen = -1;
        while (!_over.Wait(StepDeadline))
        {
            if (Volatile.Read(ref _moves) == seen)
            {
                End(new ModelViolation($"{_stepping} did not come back from its step (a wait the scheduler does not see)"));
                break;
            }

            seen = Volatile.Read(ref _moves);
        }

        if (Cut || _outcome is not null)
        {
            Abort();
        }

        if (_outcome is ModelViolation violation)
        {
            throw new ModelViolation($"{violation.Message}\nschedule ({_decisions.Count} steps):\n{Print(_decisions)}");
        }

        if (_outcome is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return _decisions;
    }

    /// <summary>
    /// With the baton, after the last move (if any) came back: checks it, chooses the next and sets it up. Returns the
    /// thread to make it, or null when the schedule is over (every thread ended, the chooser cut it, or a check failed:
    /// then the threads stand down and the test's thread is told).
    /// </summary>
    private ScheduledThread? Next(bool afterMove)
    {
        // The checks and the chooser read the queue as the test's thread did, outside the schedule: a property with a
        // step in it (the counters' HasRoom) must not become a move of the thread that holds the baton.
        var flow = QueueSteps.Scheduler;
        QueueSteps.Scheduler = null;
        try
        {
            if (afterMove)
            {
                if (_failure is { } failure)
                {
                    throw new ModelViolation(failure);
                }

                _afterStep!(this);
            }

            if (_threads.All(t => t.Finished))
            {
                End(null);
                return null;
            }

            var options = Options(_running, out var runningCanStep);
            if (options.Count == 0)
            {
                throw new ModelViolation($"stuck: no thread can move ({Describe()})");
            }

            var choice = _chooser!.Choose(this, _decisions.Count, options);
            if (choice is not { } chosen)
            {
                Cut = true;
                End(null);
                return null;
            }

            var option = options[chosen];
            var thread = _threads[option.Thread];
            _decisions.Add(new ScheduleDecision(options, chosen, _running, runningCanStep, $"{thread.Name}{(option.TimeOut ? " times out at " : " @ ")}{thread.At}"));
            if (_decisions.Count > _maxSteps)
            {
                throw new ModelViolation($"no end after {_maxSteps} steps (a thread that never ends or spins): {Describe()}");
            }

            _running = option.Thread;
            LastMoved = option.Thread;
            if (option.TimeOut)
            {
                _timeouts.Add(thread.At);
            }

            thread.TimedOut = option.TimeOut;
            BeforeMove?.Invoke(thread);
            if (!option.TimeOut && QueueFootprints.IsLoopTop(thread.At))
            {
                // The first read of a spin loop's turn: a write after this one may change what the turn reads.
                thread.LoopVersions = (long[])_versions.Clone();
            }

            Count(QueueFootprints.Of(this, option));
            _stepping = $"{thread.Name} at {thread.At}";
            Volatile.Write(ref _moves, _moves + 1);
            return thread;
        }
#pragma warning disable CA1031 // Whatever the checks or the chooser throw ends the schedule; the test's thread rethrows it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            End(ex);
            return null;
        }
        finally
        {
            QueueSteps.Scheduler = flow;
        }
    }

    /// <summary>The schedule is over: with <paramref name="outcome"/> (or cut short) every thread stands down at its next point.</summary>
    private void End(Exception? outcome)
    {
        if (outcome is not null || Cut)
        {
            Interlocked.CompareExchange(ref _outcome, outcome, null);
            _aborted = true;
        }

        _over.Set();
    }

    /// <summary>A thread left the schedule (its body ended, or the writer its loop): with the baton, it passes it on.</summary>
    private void Finished(ScheduledThread me)
    {
        me.Finished = true;
        if (!_baton)
        {
            _parked.Release();
        }
        else if (!_aborted)
        {
            Next(afterMove: true)?.Go.Release();
        }
    }

    /// <summary>The moves possible now: the running thread's step first (no preemption), then the others, then timeouts.</summary>
    private List<ScheduleOption> Options(int running, out bool runningCanStep)
    {
        var options = new List<ScheduleOption>();
        runningCanStep = running >= 0 && _threads[running].CanStep;
        if (runningCanStep)
        {
            options.Add(new ScheduleOption(running, false));
        }

        for (var i = 0; i < _threads.Count; i++)
        {
            if (i != running && _threads[i].CanStep)
            {
                options.Add(new ScheduleOption(i, false));
            }
        }

        var idle = options.Count == 0;
        for (var i = 0; i < _threads.Count; i++)
        {
            var t = _threads[i];
            if (!t.Finished && t.CanGo is not null && !t.CanGo()
                && (t.Timeout == QueueStepTimeout.AnyTime && (AnyTimeTimeouts || idle) || (t.Timeout == QueueStepTimeout.WhenIdle && idle)))
            {
                options.Add(new ScheduleOption(i, true));
            }
        }

        return options;
    }

    /// <summary>True when <paramref name="thread"/> sleeps in a monitor's wait set and no pulse took it out.</summary>
    public bool IsAsleep(int thread) => _threads[thread] is { InWaitSet: true, Pulsed: false, Finished: false };

    /// <summary>True when <paramref name="thread"/> could take a step now (a timeout aside).</summary>
    public bool CanStep(int thread) => _threads[thread].CanStep;

    public string Describe() => string.Join(", ", _threads.Select(t => $"{t.Name} {(t.Finished ? "ended" : (t.CanStep ? "@ " : "waits @ ") + t.At)}"));

    private static string Print(List<ScheduleDecision> decisions) =>
        string.Join('\n', decisions.Select((d, i) => $"  {i,3} {d.Described}{(d.Chosen > 0 ? " *" : string.Empty)}"));

    /// <summary>Unwinds every thread (each throws <see cref="ScheduleAborted"/> at its next step) and waits for them.</summary>
    public void Abort()
    {
        _aborted = true;
        foreach (var t in _threads)
        {
            t.Go.Release(1000);
        }

        foreach (var t in _threads)
        {
            t.Join(StepDeadline);
        }
    }

    private bool Point(string name, Func<bool>? canGo, QueueStepTimeout timeout)
    {
        var me = t_me ??= Stranger();
        if (_aborted)
        {
            throw new ScheduleAborted();
        }

        me.At = name;
        me.Pc = Pc();
        me.CanGo = canGo;
        me.Timeout = timeout;
        if (!_baton)
        {
            // Setting up: the test's thread waits for each thread to park.
            _parked.Release();
        }
        else if (Next(afterMove: true) is not { } next)
        {
            // The schedule is over while this thread still had steps to take: cut short or failed.
            throw new ScheduleAborted();
        }
        else if (next == me)
        {
            // This thread makes the next move too: no switch.
            me.CanGo = null;
            return !me.TimedOut;
        }
        else
        {
            next.Go.Release();
        }

        if (!me.Go.Wait(StepDeadline) || _aborted)
        {
            throw new ScheduleAborted();
        }

        me.CanGo = null;
        return !me.TimedOut;
    }

    // A thread the scheduler did not start: the writer of a queue built in Setup; later, a continuation the harness
    // did not expect, which would make schedules depend on the thread pool.
    private ScheduledThread Stranger()
    {
        if (!_adopting)
        {
            _aborted = true;
            throw new ScheduleAborted();
        }

        var thread = Thread.CurrentThread;
        var index = Adopt("writer", thread);
        var me = _threads[index];
        thread.IsBackground = true;
        t_me = me;
        return me;
    }

    public void Leave()
    {
        if (t_me is { LeavesWithItsTask: false } me)
        {
            Finished(me);
        }
    }

    public void Step(string name) => Point(name, null, QueueStepTimeout.None);

    public bool Seeded(QueueFault fault) => Faults.Contains(fault);

    public bool Block(string name, Func<bool> canGo, QueueStepTimeout timeout) => Point(name, canGo, timeout);

    /// <summary>
    /// One turn of a spin loop: the thread goes on only after another thread's move wrote something the loop reads (its
    /// footprint in <see cref="QueueFootprints"/>) since the turn began (its first read, <see cref="QueueFootprints.IsLoopTop"/>). A turn taken before that would read what the last turn read and take
    /// the same moves to the same state: a schedule without it reaches every state one with it does, and a search that
    /// offered it would never end (two spinners could take turns for ever).
    /// </summary>
    public void Spin(string name)
    {
        var reads = QueueFootprints.ReadsOf(name);
        var seen = t_me!.LoopVersions ?? (long[])_versions.Clone();
        Point(name, () => Enumerable.Range(0, 64).Any(b => (reads & (1UL << b)) != 0 && _versions[b] != seen[b]), QueueStepTimeout.None);
    }

    private void Count(StepFootprint footprint)
    {
        var written = footprint.Everything ? ulong.MaxValue : footprint.Writes | footprint.Adds;
        for (var b = 0; b < 64; b++)
        {
            if ((written & (1UL << b)) != 0)
            {
                _versions[b]++;
            }
        }
    }

    public void Enter(object gate)
    {
        Point("monitor.enter", () => Free(gate), QueueStepTimeout.None);
        _owners[gate] = t_me;
    }

    public void Exit(object gate) => _owners[gate] = null;

    public bool Wait(object gate, bool hasTimeout)
    {
        var me = t_me!;
        _owners[gate] = null;
        if (!_waitSets.TryGetValue(gate, out var set))
        {
            _waitSets[gate] = set = [];
        }

        set.Add(me);
        (me.InWaitSet, me.Pulsed) = (true, false);
        var pulsed = Point("monitor.wait", () => me.Pulsed && Free(gate), hasTimeout ? QueueStepTimeout.WhenIdle : QueueStepTimeout.None);
        me.InWaitSet = false;
        if (!pulsed)
        {
            set.Remove(me);
            Point("monitor.reenter", () => Free(gate), QueueStepTimeout.None);
        }

        _owners[gate] = me;
        return pulsed;
    }

    public void Pulse(object gate, bool all)
    {
        if (!_waitSets.TryGetValue(gate, out var set))
        {
            return;
        }

        // First in, first out, as the runtime's monitor does.
        while (set.Count > 0)
        {
            set[0].Pulsed = true;
            set.RemoveAt(0);
            if (!all)
            {
                return;
            }
        }
    }

    /// <summary>Who holds each monitor of the code under test, and who sleeps in its wait set, in order.</summary>
    public string MonitorState() => string.Join(';', _owners.Select(o => $"{o.Value?.Name ?? "-"}:{(_waitSets.TryGetValue(o.Key, out var set) ? string.Join(',', set.Select(t => t.Name)) : string.Empty)}"));

    /// <summary>
    /// The calling thread's place in the code as it parks (see <see cref="CallStack"/>), or the one it had when it parked
    /// after the same move of the schedule before, when the moves up to this one were the same (<see cref="PcMemo"/>):
    /// the same moves from the same start run the same code. Walking the stack was a third of a replayed move's cost.
    /// </summary>
    private string Pc()
    {
        // While setting up, each thread parks once, keyed by its index (the same in every schedule: the threads are
        // adopted in order); after that, one park per move at most (the thread that made it).
        var key = _baton ? _decisions.Count - 1 : -1 - IndexOf(t_me!);
        if (Memo is not { } memo)
        {
            return CallStack();
        }

        if (memo.Known(key) is { } known)
        {
            if (memo.Check && CallStack() != known)
            {
                _failure ??= $"{t_me?.Name} parked at {t_me?.At} in another place than after the same moves before: the schedule did not replay";
            }

            return known;
        }

        var pc = CallStack();
        memo.Keep(key, pc);
        return pc;
    }

    // The calling thread's place in the code: method and IL offset of every frame of the queue's and the test's own code
    // (Debug builds, so the JIT inlines none of them). Frames of the runtime's code are left out: their tiers inline
    // differently as a run warms up, and they are the same around every point (thread start, the async builder).
    private static string CallStack()
    {
        var hash = 14695981039346656037UL;
        foreach (var frame in new System.Diagnostics.StackTrace(2, false).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.Module.Assembly is not { } assembly || (assembly != typeof(QueuedSink).Assembly && assembly != typeof(StepScheduler).Assembly))
            {
                continue;
            }

            hash = (hash ^ (ulong)(method?.MetadataToken ?? 0)) * 1099511628211UL;
            hash = (hash ^ (assembly == typeof(QueuedSink).Assembly ? 1UL : 2UL)) * 1099511628211UL;
            hash = (hash ^ (ulong)(uint)frame.GetILOffset()) * 1099511628211UL;
        }

        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    private bool Free(object gate) => !_owners.TryGetValue(gate, out var owner) || owner is null;
}
