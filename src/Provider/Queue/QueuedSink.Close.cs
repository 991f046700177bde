using System.Diagnostics;
using System.Globalization;

namespace LoguStyle.Queue;

/// <summary>The end of a <see cref="QueuedSink"/>: drain, dispose within a bound, and the give-up that counts and reports what is left.</summary>
internal partial class QueuedSink
{
    /// <summary>How long dispose waits, after a give-up, for the writer to finish the record it is writing into a file before it closes it.</summary>
    internal static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);

    /// <summary>How long the exit's give-up waits, after it closed the gate, for the callers it woke to leave (see WaitersLeftWithinSpin).</summary>
    internal static readonly TimeSpan WaitersLeave = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The exit's one way to end a queue, whether its drain wrote everything it held or waited for it in vain: completes
    /// it (every later call is refused and counted as the sink's error), lets the writer write what is left within
    /// <paramref name="wait"/> (nothing, when the drain waited in vain), then gives it up as a dispose does (what it still
    /// holds is counted as dropped and said in one line, against <paramref name="bound"/>), and ends the queues behind it
    /// (a Syslog sink's connections) the same way in what is left of <paramref name="wait"/>. Ended, with the queues behind
    /// it, so that every record a queue holds when the process ends is written or counted. The inner sink is left open:
    /// the process ends next. Nothing is counted twice when a dispose or a reload ended the queue before.
    /// </summary>
    public Task EndAtExitAsync(TimeSpan wait, TimeSpan bound, string why)
    {
        try
        {
            return StartEndAtExit(wait, bound, why);
        }
#pragma warning disable CA1031 // Handed to the task, as an async method's failure would be: the ends of a sink's connection queues are started in one loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException(ex);
        }
    }

    private Task StartEndAtExit(TimeSpan wait, TimeSpan bound, string why)
    {
        var started = Stopwatch.GetTimestamp();
        if (!_ended.Task.IsCompleted)
        {
            Volatile.Write(ref _refusedBecause, wait > TimeSpan.Zero
                ? $"the process is {why}, and its drain closed this queue"
                : $"the process is {why}, and its drain gave up on this queue after {Diagnostics.BoundText.Of(bound)}");
        }

        // A give-up at once: before the channel is completed, so that a caller whose write it refuses from here on waits
        // for the count below, which then has its record among those queued (see AwaitGiveUpCount).
        _exitGivingUp = wait <= TimeSpan.Zero;
        CompleteChannel();
        _gate.Close();

        // Before the count: a waiter the close woke takes a new ticket before it sees the gate closed and drops its
        // record; counted while it held that ticket, it was among the "queued", above the capacity, not in the drop line.
        var waitersLeft = WaitersLeftWithinSpin();

        // The rest waits, on a thread of its own and with blocking waits, not in continuations: at exit the pool may be
        // starved, and a task's timeout or continuation each wait for a pool thread (the writer's end completes its task
        // with its continuations queued to the pool), so the end would never count. The caller's thread is never held
        // (callers start the ends of several queues, a drain's or a sink's connection queues, one after another and wait
        // for them side by side), and one thread per queue is all an end costs.
        return Pipeline.ThreadOfItsOwn.Run(
            () =>
            {
                if (!waitersLeft)
                {
                    WaitForWaitersLeft();
                }

                EndAfterWaitersLeft(started, wait, bound, why);
            },
            "LoguStyle exit: end of a queue");
    }

    /// <summary>
    /// The rest of the exit's end, once the callers the close woke have left: waits up to <paramref name="wait"/> for the
    /// writer to write what is left, gives the queue up if it did not, then ends the queues behind it in what is left of
    /// the wait. Blocking waits only, on the end's own thread (see StartEndAtExit).
    /// </summary>
    private void EndAfterWaitersLeft(long started, TimeSpan wait, TimeSpan bound, string why)
    {
        try
        {
            if (wait > TimeSpan.Zero && !_ended.Task.IsCompleted && !QueueSteps.WaitedForEnd(_ended.Task, wait))
            {
                // Callers refused from here on wait for the count, as above; those refused before were counted so.
                _exitGivingUp = true;
            }

            if (!_ended.Task.IsCompleted)
            {
                AbandonAsync(bound, why).GetAwaiter().GetResult();
            }
        }
        finally
        {
            // Counted, or the queue had ended: nothing is left to count, and no refused caller may wait for good.
            _giveUpCounted = true;
        }

        var left = wait - Stopwatch.GetElapsedTime(started);
        _inner.EndInnerQueuesAtExit(left > TimeSpan.Zero ? left : TimeSpan.Zero, bound, why);
        if (_ended.Task.IsCompleted && !_abandoned)
        {
            // Ended by its own writer (the give-up above did not run, nor a dispose's before): nothing is in the sink.
            _inner.EndDrainedAtExit();
        }
    }

    /// <summary>
    /// The callers that waited for room when the gate closed drop their records as they leave, before the give-up counts
    /// what is left; the drain's drop line, which comes after, counts them. They have nothing left to wait for, only a
    /// core to run on: waited for up to <see cref="WaitersLeave"/>, so a caller the scheduler keeps off its core cannot
    /// hold the exit (its ticket is then among the queued the give-up counts; its drop is not counted again). First a
    /// short spin (this); past it, a blocking wait for the signal the last of them sets as it leaves (see LeaveWait and
    /// <see cref="WaitForWaitersLeft"/>), on a thread of its own (see StartEndAtExit).
    /// </summary>
    private bool WaitersLeftWithinSpin()
    {
        QueueSteps.Step("give-up.await-waiters");

        // The gate was closed before: a full fence between that write and this read (see LeaveWait and MakeRoom's count).
        Interlocked.MemoryBarrier();
        var spin = new SpinWait();
        while (Volatile.Read(ref _inWait) != 0 && !spin.NextSpinWillYield)
        {
            spin.SpinOnce();
        }

        return Volatile.Read(ref _inWait) == 0;
    }

    /// <summary>
    /// Blocks up to <see cref="WaitersLeave"/> for the signal of LeaveWait; a waiter still off its core then is left
    /// behind: the count goes on without it (see WaitersLeftWithinSpin).
    /// </summary>
    private void WaitForWaitersLeft()
    {
        var deadline = Environment.TickCount64 + (long)WaitersLeave.TotalMilliseconds;
        lock (_waitersLeftLock)
        {
            while (!_waitersLeft)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return;
                }

                Monitor.Wait(_waitersLeftLock, (int)left);
            }
        }
    }

    /// <summary>
    /// A signal's drain waited <paramref name="bound"/> for this queue in vain: says so in one line and leaves the queue
    /// open, since the application may cancel the signal and log on. No count: one read from the live counts while
    /// callers go on logging is not exact, and a give-up that would make it exact would refuse every later record.
    /// </summary>
    public void ReportNotDrainedOnSignal(TimeSpan bound, string why) =>
        Errors.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: the process is {why}; sink '{Name}' did not write everything queued within {Diagnostics.BoundText.Of(bound)}; what it still holds is lost if the process ends now (the queue stays open: the application may cancel the signal)."));

    public override async ValueTask DisposeAsync()
    {
        await CloseAsync(DrainTimeout, DrainTimeout).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Completes the queue and waits up to <paramref name="drainTimeout"/> for the writer to drain it; then gives up:
    /// what is left is counted as dropped (on the meter) and reported on stderr.
    /// </summary>
    /// <param name="drainTimeout">How long to wait now.</param>
    /// <param name="reportedBound">
    /// The bound the report names, when the wait began before this call (the host's shutdown timeout already spent
    /// draining): else <paramref name="drainTimeout"/>.
    /// </param>
    public async ValueTask DisposeAsync(TimeSpan drainTimeout, TimeSpan? reportedBound = null)
    {
        await CloseAsync(drainTimeout, reportedBound ?? drainTimeout).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask CloseAsync(TimeSpan drainTimeout, TimeSpan reportedBound)
    {
        var started = Stopwatch.GetTimestamp();
        QueueSteps.Step("dispose.complete");
        CompleteChannel();
        _gate.Close();
        var drained = true;
        try
        {
            await QueueSteps.WaitForEnd(_ended.Task, drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            drained = false;
            await AbandonAsync(reportedBound).ConfigureAwait(false);
        }

        ReportPendingDrops();

        // What is left of the bound: the queues behind this one (a Syslog sink's connections) drain in it, so the whole
        // dispose keeps to one drainTimeout, not one for this queue and another for them.
        var left = drained ? drainTimeout - Stopwatch.GetElapsedTime(started) : TimeSpan.Zero;
        await CloseInnerAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, reportedBound).ConfigureAwait(false);
        if (_loop.IsCompleted)
        {
            // A give-up under way (the exit's) still cancels _abort: disposed once it is over. A give-up that comes later
            // finds this one in its place, and the queue ended: it has nothing to count or cancel.
            QueueSteps.Step("dispose.release");
            if (Interlocked.CompareExchange(ref _abandoning, Task.CompletedTask, null) is { } giveUp)
            {
                await giveUp.ConfigureAwait(false);
            }

            _abort.Dispose();
            _gate.Dispose();
        }
    }

    /// <summary>
    /// Closes the inner sink. A sink whose close would fail a write in progress (a file) is closed between two of the
    /// writer's calls: after a give-up the writer may still be inside it with a record it took before, and then it closes
    /// the sink as soon as that call returns. Dispose waits for that up to <see cref="CloseGrace"/> (a file's write is
    /// over in microseconds); a sink stuck longer is closed when it returns, and stderr says so.
    /// </summary>
    private async Task CloseInnerAsync(TimeSpan drainLeft, TimeSpan reportedBound)
    {
        if (!_inner.ClosesBetweenWrites || _use.TryClaim())
        {
            // Queues behind this one drain in what is left of the bound: nothing, when this one gave up.
            await _inner.CloseAfterDrainAsync(drainLeft, reportedBound).ConfigureAwait(false);
            _use.SetClosed();
            return;
        }

        try
        {
            await _use.Done.WaitAsync(CloseGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Errors.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"LoguStyle: sink '{Name}' was still writing a record {Diagnostics.BoundText.Of(CloseGrace)} after its queue gave up; it is closed when that write returns."));
        }
    }

    /// <summary>
    /// Says on stderr, in one line with the total, the drops the once-a-minute report has not told yet: at close, and at
    /// exit, so that stderr tells the whole loss of a process that lived less than a minute.
    /// </summary>
    public void ReportPendingDrops()
    {
        if (_drops.Pending(Name, Capacity, Mode) is { } line)
        {
            Errors.Report(line);
        }
    }

    /// <summary>
    /// Gives the queue up once: a reload's dispose and the exit may give up the same (retiring) queue at once, and the
    /// second counts nothing and says nothing, or its records were dropped twice on the meter and in the lines. The
    /// second awaits the first: the count exists when it returns, so the exit's refused callers still wait for it (see
    /// AwaitGiveUpCount) and a dispose disposes nothing the first still uses.
    /// </summary>
    private Task AbandonAsync(TimeSpan reportedBound, string? exiting = null)
    {
        QueueSteps.Step("dispose.abandon");
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _abandoning, mine.Task, null) is { } first)
        {
            // Returned, not awaited here: the exit blocks on it, which needs no pool thread (see StartEndAtExit). The
            // exit waits for the first give-up's count only: a dispose's then cancels the writer with CancelAsync, whose
            // callbacks and continuation run on the pool, which at exit may be starved. A dispose waits for the first
            // give-up to be over, so that it disposes nothing the first still uses.
            QueueSteps.Step("dispose.await-give-up");
            return exiting is not null ? _counted.Task : first;
        }

        return GiveUpThenSignalAsync(mine, reportedBound, exiting);
    }

    private async Task GiveUpThenSignalAsync(TaskCompletionSource mine, TimeSpan reportedBound, string? exiting)
    {
        try
        {
            await GiveUpAsync(reportedBound, exiting).ConfigureAwait(false);
        }
        finally
        {
            // Also when the give-up threw before its count: nobody waits for good.
            _counted.TrySetResult();
            mine.TrySetResult();
        }
    }

    private async Task GiveUpAsync(TimeSpan reportedBound, string? exiting)
    {
        // The records still in the channel, and those of callers half way through their write, are counted as dropped
        // here (the writer throws the first away when it takes them; the callers count nothing more); the record in the
        // writer's hands stays in flight and is counted when the stuck sink returns (see QueueCounters.Abandon).
        // DropOldest callers stop taking records out once the gate is closed; those still at it finish first, so each
        // record taken out is counted once. A remover the scheduler keeps off its core cannot hold the give-up: after
        // WaitersLeave the count goes on without it (a record it takes out then may be counted as dropped twice, by the
        // give-up and by the remover).
        _abandoned = true;
        var deadline = Environment.TickCount64 + (long)WaitersLeave.TotalMilliseconds;
        var spin = new SpinWait();
        while (true)
        {
            QueueSteps.Step("dispose.look-at-removers");
            if (Volatile.Read(ref _removing) == 0 || (QueueSteps.ClockBounds() && Environment.TickCount64 >= deadline))
            {
                break;
            }

            QueueSteps.Spin(ref spin, "dispose.spin");
        }

        QueueSteps.Step("dispose.count");
        var (left, inWriter) = _counters.Abandon();

        // The inner sink's held records (a syslog connection's unsent batch) are in its hands as much as the record in
        // the writer's: the queue counted them as written when it handed them over, and the meter counts them only once
        // sent. Left out, a send blocked for good kept them out of every count the process ends with.
        var inFlight = inWriter + (exiting is not null ? _inner.CountHeldAtExit() : _inner.RecordsHeld);
        _giveUpCounted = true;
        Stats.AddDropped(left);
        _drops.CountGivenUp(left);
        _counted.TrySetResult();
        var waiting = Interlocked.Read(ref _droppedWaiting);
        if (exiting is not null)
        {
            // At exit, here: CancelAsync runs the token's callbacks (a writer's wait for its sink) on a pool thread, and
            // the pool may be starved, so that this end would never reach its line. Their cost is this thread's, which the
            // exit drain's own bound on the ends cuts off.
            _abort.Cancel();
        }
        else
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }
        _barriers.CompleteAll();
        _ended.TrySetResult();
        if (left + waiting + inFlight == 0)
        {
            // Drained in the last instant: the writer had only to see the end of the queue.
            return;
        }

        if (exiting is not null)
        {
            // Callers that were waiting for room dropped their records as they left, before this count (StartEndAtExit
            // waits for them): the drop line the drain writes next counts them.
            Errors.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"LoguStyle: the process is {exiting}; sink '{Name}'{LaneSuffix} could not write {left + inFlight} record(s) within {Diagnostics.BoundText.Of(reportedBound)} ({left} queued, {inFlight} in the sink's hands)."));
            return;
        }

        Errors.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{Name}'{LaneSuffix} did not drain within {Diagnostics.BoundText.Of(reportedBound)}; {left} queued record(s) were not written, {waiting} waiting call(s) were dropped{(inFlight > 0 ? $"; {inFlight} record(s) the sink is still writing are counted when it returns" : string.Empty)}; both are among the records the 'LoguStyle dropped N records' lines add up to, not in addition."));
    }

    // " (connection 2 of 3)" for a lane of a sink, so the end lines of its lanes are told apart; empty otherwise.
    private string LaneSuffix => LaneName is { } lane ? $" ({lane})" : string.Empty;
}
