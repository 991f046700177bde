#if DEBUG
using System.Diagnostics;
using LoguStyle.Diagnostics;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// The counts of an enqueued sink whose stuck inner sink an exit (or a dispose) gives up on, against the callers around
/// the give-up (issue 15, queue protocol): a caller half way through its write is among the records the give-up counts
/// as queued, never the sink's error; a call after the give-up is refused in every mode; a caller whose wait for room
/// threw does not hold a later give-up. The real queue on real threads, held at the queue's own steps
/// (<see cref="PauseAtStep"/>, Debug builds) where an interleaving must be forced.
/// </summary>
public sealed class ExitGiveUpExactnessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _never = new();
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        _never.Set();
        _entered.Dispose();
        _never.Dispose();
    }

    /// <summary>
    /// Outside tester 15g, observation C (2 exits of 4: DropOldest, capacity 1, threads logging): the give-up said
    /// <c>could not write 1 record(s) within 2 s (0 queued, 1 in the sink's hands)</c>, then <c>could not write a record:
    /// ChannelClosedException … (1 record(s) not written so far)</c>. A caller that had taken the oldest record out to make
    /// room met the channel the exit had just completed, before the give-up counted: refused as the sink's error and left
    /// out of the count. Forced here: the caller is held just before its channel write, the give-up just after it
    /// completed the channel, then the caller goes on, then the give-up.
    /// </summary>
    [Theory]
    [InlineData(QueueFullMode.DropOldest, 1)]
    [InlineData(QueueFullMode.DropOldest, 2)]
    [InlineData(QueueFullMode.DropWrite, 1)]
    [InlineData(QueueFullMode.DropWrite, 2)]
    public async Task ExitGiveUp_ACallerWhoseWriteTheJustCompletedChannelRefuses_IsCountedAsQueued_NotAsTheSinksError(QueueFullMode mode, int capacity)
    {
        var errors = Errors();
        var queue = StuckQueue(errors, capacity, mode);

        // Full for DropOldest (the caller takes the oldest out); one place left for DropWrite (the caller's record fits).
        for (var i = 1; i <= (mode == QueueFullMode.DropOldest ? capacity : capacity - 1); i++)
        {
            queue.Emit(Record("r" + i));
        }

        using var callerSteps = new PauseAtStep("write.channel");
        var caller = StartedUnder(callerSteps, () => queue.Emit(Record("half way")));
        Assert.True(callerSteps.WaitUntilHeld());

        using var giveUpSteps = new PauseAtStep("dispose.abandon");
        var giveUp = StartedUnder(giveUpSteps, () => EndAtExit(queue));

        // The channel is completed and the gate closed; nothing is counted yet. The caller's write meets the closed
        // channel now: it returns, or waits for the give-up's count.
        Assert.True(giveUpSteps.WaitUntilHeld());
        callerSteps.Go();
        Assert.True(SpinWait.SpinUntil(() => !caller.IsAlive || callerSteps.SpunAfterGo, Deadline));
        giveUpSteps.Go();
        Assert.True(giveUp.Join(Deadline));
        Assert.True(caller.Join(Deadline));

        var stderr = _output.ToString();
        Assert.DoesNotContain("ChannelClosedException", stderr, StringComparison.Ordinal);
        Assert.Contains($"sink 'stuck' could not write {capacity + 1} record(s) within 1 s ({capacity} queued, 1 in the sink's hands).", stderr, StringComparison.Ordinal);
        Assert.Equal(0, errors.FailedRecords);

        // The stuck sink returns: its record is written, and every record accepted is written or dropped, none refused.
        _never.Set();
        await queue.Writer.WaitAsync(Deadline);
        var counts = queue.Counters;
        Assert.Equal((1L, 0L), (counts.Written, counts.Refused));
        Assert.Equal(counts.Accepted, counts.Written + counts.Dropped);
    }

    /// <summary>
    /// After a give-up of a full DropWrite queue the counts still show the records it counted as queued: every later call
    /// found the queue full and was counted as dropped, where reliability.md says a call after the give-up (after dispose)
    /// is refused and counted as the sink's error. The drops are what the drop lines add up, so they claimed records the
    /// queue never held.
    /// </summary>
    [Theory]
    [InlineData("exit")]
    [InlineData("dispose")]
    public async Task DropWrite_CallsAfterAGiveUpOnAFullQueue_AreRefusedAsTheSinksErrors_NotDropped(string giveUp)
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 2, QueueFullMode.DropWrite);
        for (var i = 1; i <= 3; i++)
        {
            queue.Emit(Record("r" + i));
        }

        if (giveUp == "exit")
        {
            await queue.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").WaitAsync(Deadline);
        }
        else
        {
            await queue.DisposeAsync(TimeSpan.FromMilliseconds(50)).AsTask().WaitAsync(Deadline);
        }

        var counts = queue.Counters;
        var droppedAtGiveUp = counts.Dropped;
        Assert.Equal((3L, 0L), (droppedAtGiveUp, counts.Refused));
        for (var i = 0; i < 5; i++)
        {
            queue.Emit(Record("after " + i));
        }

        Assert.Equal((droppedAtGiveUp, 5L), (counts.Dropped, counts.Refused));
        Assert.Equal(5, errors.FailedRecords);
        Assert.Equal(droppedAtGiveUp, queue.Stats.Dropped);
    }

    /// <summary>
    /// A Wait-mode caller asleep for room whose wait throws (<see cref="Thread.Interrupt"/> in <c>Monitor.Wait</c>) stayed
    /// counted among the callers the exit's give-up waits for: every later give-up of that queue waited its whole
    /// <see cref="QueuedSink.WaitersLeave"/> (250 ms) for a caller that had gone. It also stayed counted as asleep.
    /// </summary>
    [Fact]
    public async Task WaitMode_ACallerInterruptedWhileAsleepForRoom_DoesNotDelayALaterExitGiveUp()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 1, QueueFullMode.Wait);
        queue.Emit(Record("r1"));
        var caller = Started(() => queue.Emit(Record("waits")));
        Assert.True(SpinWait.SpinUntil(() => queue.CallersAsleepForRoom == 1, Deadline));
        caller.Interrupt();
        Assert.True(caller.Join(Deadline));

        // The logging call returned: its wait threw, and the sink counted it as its error.
        Assert.Equal(1, errors.FailedRecords);
        var (inWait, asleep) = (queue.CallersInWait, queue.CallersAsleepForRoom);

        var clock = Stopwatch.StartNew();
        await queue.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").WaitAsync(Deadline);
        var took = clock.Elapsed;
        Assert.True(
            took < QueuedSink.WaitersLeave && (inWait, asleep) == (0, 0),
            $"the give-up took {took.TotalMilliseconds:0} ms; after the interrupted call returned, {inWait} caller(s) were counted as waiting for room, {asleep} as asleep");
        Assert.Contains("sink 'stuck' could not write 2 record(s) within 1 s (1 queued, 1 in the sink's hands).", _output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Review of issue 15: the same for a caller whose wait found room and whose channel write then threw (an interrupt
    /// delivered while it waits for the channel's lock, forced here at the step just before the write): it stayed counted
    /// among the callers waiting for room, so a later exit's give-up waited its whole <see cref="QueuedSink.WaitersLeave"/>
    /// and said a call had not left the wait, and its ticket stayed among the records the give-up counts as queued. Its
    /// record is the sink's error, once.
    /// </summary>
    [Fact]
    public async Task WaitMode_ACallerInterruptedAtItsChannelWriteAfterItsWait_IsNotCountedAsWaitingNorQueued()
    {
        var errors = Errors();
        using var oneRecord = new SemaphoreSlim(0);
        var inner = new DelegateSink(new DelegateSinkOptions("stuck", _ => oneRecord.Wait(Deadline)), errors);
        var queue = new QueuedSink(inner, TimeProvider.System, 1, QueueFullMode.Wait);
        queue.Emit(Record("r0"));
        Assert.True(SpinWait.SpinUntil(() => queue.Counters.Queued == 0, Deadline), "the writer did not take r0");
        queue.Emit(Record("r1"));

        using var callerSteps = new PauseAtStep("write.channel");
        var caller = StartedUnder(callerSteps, () => queue.Emit(Record("waits")));
        Assert.True(SpinWait.SpinUntil(() => queue.CallersAsleepForRoom == 1, Deadline), "the caller never slept for room");

        // The writer finishes r0 and takes r1: room for the caller, which is held just before its channel write.
        oneRecord.Release();
        Assert.True(callerSteps.WaitUntilHeld(), "the caller never reached its channel write");
        caller.Interrupt();
        Assert.True(caller.Join(Deadline));
        Assert.Equal(1, errors.FailedRecords);
        var inWait = queue.CallersInWait;

        var clock = Stopwatch.StartNew();
        await queue.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").WaitAsync(Deadline);
        var took = clock.Elapsed;
        var leaving = queue.CallersLeavingClosedRoom;
        oneRecord.Release(2);
        Assert.True(
            took < QueuedSink.WaitersLeave && (inWait, leaving) == (0, 0),
            $"the give-up took {took.TotalMilliseconds:0} ms; after the interrupted call returned, {inWait} caller(s) were counted as waiting for room, {leaving} as leaving it");
        Assert.Contains("sink 'stuck' could not write 1 record(s) within 1 s (0 queued, 1 in the sink's hands).", _output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Outside test of issue 15: the closing drop line of a queue the exit gave up on said "(queue full, ...)" for a queue
    /// that held 3 of 10,000 records. Its only drops are the give-up's: the line names the give-up; a full queue's drops
    /// before it keep "queue full".
    /// </summary>
    [Theory]
    [InlineData(10, 3, "queue given up")]
    [InlineData(2, 5, "queue full")]
    public async Task ExitGiveUp_TheClosingDropLine_NamesTheGiveUpWhenItIsAllItTells(int capacity, int logged, string reason)
    {
        var errors = Errors();
        var queue = StuckQueue(errors, capacity, QueueFullMode.DropWrite);
        for (var i = 1; i <= logged; i++)
        {
            queue.Emit(Record("r" + i));
        }

        await queue.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").WaitAsync(Deadline);
        queue.ReportPendingDrops();

        var closing = _output.ToString().Split('\n').Single(line => line.Contains("dropped in all", StringComparison.Ordinal));
        Assert.Contains($"({reason}, {capacity} records, DropWrite); ", closing, StringComparison.Ordinal);
    }

    /// <summary>
    /// The exit's report of the calls still inside the sinks gives the callers a give-up let go from waiting for room a line
    /// of their own (<see cref="QueuedSink.CallersLeavingClosedRoom"/>: their records are counted with the queue's drops).
    /// A Wait-mode call that comes after the give-up is refused at once, its record counted as refused: it is not one of
    /// them, however long it takes to get out. Forced here: the late caller is held just after it counted itself among
    /// the callers that found the queue full, before its look at the gate.
    /// </summary>
    [Fact]
    public void WaitMode_ACallRefusedAfterTheGiveUp_IsNotCountedAmongTheCallersTheGiveUpLetGo()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 1, QueueFullMode.Wait);
        queue.Emit(Record("r1"));
        EndAtExit(queue);

        using var lateSteps = new PauseAtStep("room.count-in-wait");
        var late = StartedUnder(lateSteps, () => queue.Emit(Record("late")));
        Assert.True(lateSteps.WaitUntilHeld());
        var leaving = queue.CallersLeavingClosedRoom;
        lateSteps.Go();
        Assert.True(late.Join(Deadline));

        Assert.True(leaving == 0, $"{leaving} caller(s) counted as let go from the room wait while the only caller in the queue was a call after the give-up");
        Assert.Equal(1, errors.FailedRecords);
        Assert.Equal((1L, 1L), (queue.Counters.Dropped, queue.Counters.Refused));
    }

    /// <summary>
    /// Outside testers 15h and 15i, observation C (1 exit in 4-15, Wait, 16 callers waiting for room, capacity 64): the
    /// give-up said <c>70 (69 queued, 1 in the sink's hands)</c>, more queued than the capacity, and the closing drop line
    /// left those callers out. A waiting caller that wakes (the gate's close wakes them all) takes a new ticket before it
    /// looks at the room and at the gate; the give-up counted every ticket open then as queued, that caller's among them,
    /// and its drop then found itself counted already. Forced here: the waiter is held with its new ticket (woken by a
    /// stop time, as a reload's or dispose's wakes it), the give-up runs, the waiter goes on when the give-up waits for
    /// the waiters, then the give-up goes on.
    /// </summary>
    [Fact]
    public async Task WaitMode_AWaiterHoldingItsNewTicketWhenTheExitGivesUp_IsDroppedInTheDropLine_NotCountedAsQueued()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 1, QueueFullMode.Wait);
        queue.Emit(Record("r1"));

        // Its first look at the room is in the call; the second comes after its wait, under the new ticket.
        using var waiterSteps = new PauseAtStep("counters.is-full", occurrence: 2);
        var waiter = StartedUnder(waiterSteps, () => queue.Emit(Record("waits")));
        Assert.True(SpinWait.SpinUntil(() => queue.CallersAsleepForRoom == 1, Deadline));
        queue.StopWaitingAt(Environment.TickCount64);
        Assert.True(waiterSteps.WaitUntilHeld());

        using var giveUpSteps = new PauseAtStep("give-up.await-waiters");
        var giveUp = StartedUnder(giveUpSteps, () => EndAtExit(queue));
        Assert.True(giveUpSteps.WaitUntilHeld());
        waiterSteps.Go();
        Assert.True(waiter.Join(Deadline));
        giveUpSteps.Go();
        Assert.True(giveUp.Join(Deadline));
        queue.ReportPendingDrops();

        var stderr = _output.ToString();
        Assert.Contains("sink 'stuck' could not write 2 record(s) within 1 s (1 queued, 1 in the sink's hands).", stderr, StringComparison.Ordinal);
        Assert.Contains("; 2 dropped in all, 1 of them still queued when the queue gave up", stderr, StringComparison.Ordinal);
        Assert.Equal(0, errors.FailedRecords);

        _never.Set();
        await queue.Writer.WaitAsync(Deadline);
        var counts = queue.Counters;
        Assert.Equal((1L, 2L, 0L), (counts.Written, counts.Dropped, counts.Refused));
        Assert.Equal(counts.Accepted, counts.Written + counts.Dropped);
    }

    /// <summary>
    /// A caller whose channel write the exit's completion refused waits for the give-up's count (so that its record is
    /// among those counted as queued); it waited with no bound, inside a logging call, for a give-up that may itself be
    /// held (a thread without a core, the waiters it waits for). Bounded now: after <see cref="QueuedSink.GiveUpCountAwaited"/>
    /// the caller counts its record itself, as refused, and the give-up, counting later, leaves it out: each record once.
    /// Forced here: the give-up is held before its count for as long as the caller takes to return.
    /// </summary>
    [Fact]
    public async Task ExitGiveUp_HeldBeforeItsCount_ARefusedCallerReturnsAfterTheBound_ItsRecordRefusedOnce_NotCountedByTheGiveUp()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 2, QueueFullMode.DropWrite);
        queue.Emit(Record("r1"));

        using var giveUpSteps = new PauseAtStep("dispose.abandon");
        var giveUp = StartedUnder(giveUpSteps, () => EndAtExit(queue));
        Assert.True(giveUpSteps.WaitUntilHeld());

        var clock = Stopwatch.StartNew();
        var caller = Started(() => queue.Emit(Record("refused")));
        var returned = caller.Join(TimeSpan.FromSeconds(10));
        var took = clock.Elapsed;
        giveUpSteps.Go();
        Assert.True(giveUp.Join(Deadline));
        Assert.True(returned, $"the refused caller had not returned after {took.TotalSeconds:0.0} s while the give-up was held before its count");

        var stderr = _output.ToString();
        Assert.Contains("sink 'stuck' could not write 2 record(s) within 1 s (1 queued, 1 in the sink's hands).", stderr, StringComparison.Ordinal);
        Assert.Equal(1, errors.FailedRecords);

        _never.Set();
        await queue.Writer.WaitAsync(Deadline);
        var counts = queue.Counters;
        Assert.Equal((1L, 1L, 1L), (counts.Written, counts.Dropped, counts.Refused));
        Assert.Equal(counts.Accepted, counts.Written + counts.Dropped + counts.Refused);
    }

    /// <summary>
    /// Review of issue 15 (low): a reload's dispose giving up a retiring queue and the exit giving up the same queue both
    /// counted what it held: its records were dropped twice on the meter and in the drop lines. Forced here: the exit's
    /// give-up is held at its count, the dispose gives up and counts, then the exit's give-up goes on.
    /// </summary>
    [Fact]
    public async Task GiveUp_ADisposeAndTheExitGiveUpTheSameQueueAtOnce_CountWhatItHoldsOnce()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 4, QueueFullMode.DropWrite);
        queue.Emit(Record("r1"));
        queue.Emit(Record("r2"));

        // The exit's give-up is held at its count; the dispose gives up meanwhile (its drain time runs out) and counts.
        using var exitSteps = new PauseAtStep("dispose.abandon");
        var exit = StartedUnder(exitSteps, () => EndAtExit(queue));
        Assert.True(exitSteps.WaitUntilHeld());
        await queue.DisposeAsync(TimeSpan.FromMilliseconds(50)).AsTask().WaitAsync(Deadline);
        exitSteps.Go();
        Assert.True(exit.Join(Deadline));
        _never.Set();

        Assert.Equal((2L, 2L), (queue.Counters.Dropped, queue.Stats.Dropped));
    }

    /// <summary>
    /// Review of issue 15 (finding 4): the second give-up of a queue returned at once, before the first had counted. When
    /// the exit was the second, its EndAtExitAsync returned (and let its refused callers stop waiting for a count) before
    /// the count existed. Forced here: the dispose's give-up is held at its count; the exit gives up the same queue.
    /// </summary>
    [Fact]
    public async Task GiveUp_ADisposeAndTheExitGiveUpTheSameQueueAtOnce_TheExitReturnsOnlyOnceTheCountExists()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 4, QueueFullMode.DropWrite);
        queue.Emit(Record("r1"));
        queue.Emit(Record("r2"));

        // Its drain times out after 50 ms, as without the scheduler (the queue is stuck).
        using var disposeSteps = new PauseAtStep("dispose.count", blockFor: TimeSpan.FromMilliseconds(50));
        var dispose = StartedUnder(disposeSteps, () => queue.DisposeAsync(TimeSpan.FromMilliseconds(50)).AsTask().GetAwaiter().GetResult());
        Assert.True(disposeSteps.WaitUntilHeld());

        // The exit's give-up returns, or waits for the dispose's (held where it awaits it).
        using var exitSteps = new PauseAtStep("dispose.await-give-up");
        var droppedWhenTheExitReturned = -1L;
        var exit = StartedUnder(exitSteps, () =>
        {
            EndAtExit(queue);
            droppedWhenTheExitReturned = queue.Counters.Dropped;
        });
        Assert.True(SpinWait.SpinUntil(() => !exit.IsAlive || exitSteps.IsHeld, Deadline));
        exitSteps.Go();
        disposeSteps.Go();
        Assert.True(exit.Join(Deadline));
        Assert.True(dispose.Join(Deadline));
        _never.Set();
        await queue.Writer.WaitAsync(Deadline);

        Assert.True(droppedWhenTheExitReturned == 2, $"the exit's give-up returned when {droppedWhenTheExitReturned} record(s) were counted as dropped, of the 2 queued");
        Assert.Equal((2L, 2L), (queue.Counters.Dropped, queue.Stats.Dropped));
    }

    /// <summary>
    /// Review of issue 15 (finding 4): the exit gives a queue up and is between its look at the removers and its cancel
    /// when the queue's writer ends (the stuck sink returns); a dispose then found the writer ended and disposed the
    /// cancellation source the exit cancels next: ObjectDisposedException out of the exit's end, which the exit drain's
    /// wait rethrew, skipping every report after it. Forced here: the exit is held at its count while the writer ends
    /// and the dispose runs.
    /// </summary>
    [Fact]
    public async Task GiveUp_ADisposeAndTheExitGiveUpTheSameQueueAtOnce_TheDisposeDisposesNothingTheExitStillUses()
    {
        var errors = Errors();
        var queue = StuckQueue(errors, 4, QueueFullMode.DropWrite);
        queue.Emit(Record("r1"));

        using var exitSteps = new PauseAtStep("dispose.count");
        Exception? exitFailed = null;
        var exit = StartedUnder(exitSteps, () =>
        {
            try
            {
                EndAtExit(queue);
            }
            catch (ObjectDisposedException ex)
            {
                exitFailed = ex;
            }
        });
        Assert.True(exitSteps.WaitUntilHeld());

        // The stuck sink returns; the writer writes what is left and ends. The dispose finds it ended.
        _never.Set();
        await queue.Writer.WaitAsync(Deadline);
        using var disposeSteps = new PauseAtStep("dispose.release");
        var dispose = StartedUnder(disposeSteps, () => queue.DisposeAsync(TimeSpan.FromSeconds(5)).AsTask().GetAwaiter().GetResult());
        Assert.True(SpinWait.SpinUntil(() => !dispose.IsAlive || disposeSteps.IsHeld, Deadline));
        disposeSteps.Go();
        exitSteps.Go();
        Assert.True(exit.Join(Deadline));
        Assert.True(dispose.Join(Deadline));

        Assert.True(exitFailed is null, $"the exit's end threw: {exitFailed}");
        Assert.Equal(0, errors.FailedRecords);
    }

    private static LogRecord Record(string message) => new(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", message);

    private static Thread Started(Action run)
    {
        var thread = new Thread(() => run()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>A thread that runs <paramref name="action"/> held at the queue's steps <paramref name="steps"/> names (the scheduler is the thread's own).</summary>
    private static Thread StartedUnder(PauseAtStep steps, Action action) => Started(() =>
    {
        QueueSteps.Scheduler = steps;
        action();
    });

    /// <summary>The exit's end of <paramref name="queue"/> on this thread: no time to drain, given up after 1 s.</summary>
    private static void EndAtExit(QueuedSink queue) =>
        queue.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").GetAwaiter().GetResult();

    private SinkErrorReporter Errors() => new("stuck", TimeProvider.System, TextWriter.Synchronized(_output));

    /// <summary>A queue whose inner sink never returns from its first record ("r0", in the sink's hands on return).</summary>
    private QueuedSink StuckQueue(SinkErrorReporter errors, int capacity, QueueFullMode mode)
    {
        var inner = new DelegateSink(
            new DelegateSinkOptions("stuck", _ =>
            {
                _entered.Set();
                _never.Wait();
            }),
            errors);
        var queue = new QueuedSink(inner, TimeProvider.System, capacity, mode);
        queue.Emit(Record("r0"));
        Assert.True(_entered.Wait(Deadline));
        return queue;
    }
}
#endif
