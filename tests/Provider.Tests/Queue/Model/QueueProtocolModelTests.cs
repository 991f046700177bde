using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Every interleaving of the queue protocol for 2-3 callers at capacity 2, in every mode, with a flush and a dispose
/// at any point: the flush invariant, queued &lt;= capacity, the counts' invariant, no caller asleep while there is room
/// and no wake-up on its way, no deadlock, the writer ends after dispose, every record written, dropped or refused
/// exactly once, each caller's records in order.
/// </summary>
public class QueueProtocolModelTests
{
    [Theory]
    [InlineData(QueueFullMode.Wait, 2, 2, true)]
    [InlineData(QueueFullMode.Wait, 2, 2, false)]
    [InlineData(QueueFullMode.Wait, 3, 1, true)]
    [InlineData(QueueFullMode.DropWrite, 2, 2, true)]
    [InlineData(QueueFullMode.DropWrite, 3, 1, true)]
    [InlineData(QueueFullMode.DropOldest, 2, 2, true)]
    [InlineData(QueueFullMode.DropOldest, 3, 1, true)]
    public void EveryInterleaving_KeepsEveryInvariant(QueueFullMode mode, int producers, int recordsEach, bool dispose)
    {
        var (states, violation) = QueueModelExplorer.Explore(new QueueModel(mode, capacity: 2, producers, recordsEach, flusher: true, disposer: dispose));

        Assert.True(violation is null, $"{violation} after {states} states");
        Assert.True(states > 100_000, $"only {states} states explored");
    }

    [Theory]
    [InlineData(QueueFullMode.Wait, 3, 1)]
    [InlineData(QueueFullMode.DropWrite, 2, 2)]
    public void EveryInterleaving_ARecordLoggedFromInsideTheSink_NeverWaitsForTheWriter(QueueFullMode mode, int producers, int recordsEach)
    {
        // Issue 13 item 2: the writer itself logs (a sink that logs): it is queued when there is room, else dropped and
        // counted; never a wait (the model would find a state where nothing can move).
        var model = new QueueModel(mode, capacity: 2, producers, recordsEach, flusher: false, disposer: true) { LogsFromSink = true };

        var (states, violation) = QueueModelExplorer.Explore(model);

        Assert.True(violation is null, $"{violation} after {states} states");
    }

    [Fact]
    public void TheModel_FindsTheOvershootOfIssue15Item8_WhenTheDropCountIsReadAfterTheTicket()
    {
        // The model is only worth its silence if it speaks up: with the old order of reads it finds the overshoot.
        var model = new QueueModel(QueueFullMode.DropWrite, capacity: 2, producers: 3, recordsEach: 2, flusher: false, disposer: false) { ReadGoneAfterTicket = true };

        var (_, violation) = QueueModelExplorer.Explore(model);

        Assert.NotNull(violation);
        Assert.Contains("records queued in a queue of 2", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModel_FindsAWaitingCallerRefused_WhenTheQueueIsCompletedWhileItWaits()
    {
        // Outside re-test 15f, D2: a caller asleep for room when the queue is completed went on to the channel write and
        // was refused, its record counted as the sink's error; the docs say it is dropped.
        var model = new QueueModel(QueueFullMode.Wait, capacity: 2, producers: 3, recordsEach: 1, flusher: false, disposer: true) { RefuseWaitersAtClose = true };

        var (_, violation) = QueueModelExplorer.Explore(model);

        Assert.NotNull(violation);
        Assert.Contains("waited for room while the queue was open, was refused", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void TheModel_FindsACallerAsleepWhileThereIsRoom_WhenWokenCallersDoNotRelay()
    {
        // Without the relay the writer's one wake-up at a time leaves a second sleeper asleep when the writer freed two
        // places and then stays in the sink: what the protocol's "no waiter asleep while there is room" rules out.
        var model = new QueueModel(QueueFullMode.Wait, capacity: 2, producers: 3, recordsEach: 2, flusher: false, disposer: false) { NoRelay = true };

        var (_, violation) = QueueModelExplorer.Explore(model);

        Assert.NotNull(violation);
        Assert.Contains("asleep for room while", violation, StringComparison.Ordinal);
    }
}
