namespace LoguStyle.Queue;

/// <summary>
/// Keeps a queue's closing of its inner sink apart from its writer's calls into it, for a sink whose close would fail
/// a write in progress (a file: see <see cref="Sinks.Sink.ClosesBetweenWrites"/>). Either the closer finds the writer
/// between two calls and closes the sink at once, and the writer makes no call after; or it finds the writer inside a
/// call and hands the close over, and the writer closes the sink as soon as that call returns. So a record the writer
/// took is written, never failed by a close that raced it: an outside tester saw a file sink's writer fail with
/// "Cannot access a disposed object" when dispose gave up and closed the file under it (3 of 13 runs).
/// </summary>
internal sealed class InnerSinkUse
{
    private const int Idle = 0;
    private const int Calling = 1;
    private const int Closed = 2;
    private const int CloseOnReturn = 3;

    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>Completes once the inner sink was closed, by either side.</summary>
    public Task Done => _closed.Task;

    /// <summary>The writer is about to call into the inner sink: false when it is closed (or being closed), and must not.</summary>
    public bool TryEnter()
    {
        return Interlocked.CompareExchange(ref _state, Calling, Idle) == Idle;
    }

    /// <summary>
    /// The writer's call returned: true when the closer handed the close over meanwhile, and the writer must close the
    /// inner sink now (then <see cref="SetClosed"/>). A writer that is not inside (it left before) changes nothing.
    /// </summary>
    public bool Leave() =>
        Interlocked.CompareExchange(ref _state, Idle, Calling) != Calling
        && Interlocked.CompareExchange(ref _state, Closed, CloseOnReturn) == CloseOnReturn;

    /// <summary>
    /// The closer: true when the writer is between calls, and from now on makes none (the closer closes the inner sink,
    /// then <see cref="SetClosed"/>); false when the writer is inside a call and closes the inner sink when it returns.
    /// </summary>
    public bool TryClaim()
    {
        // Not among QueueSteps' moves: the scheduled tests' dispose claims only after the writer ended.
        while (true)
        {
            var state = Interlocked.CompareExchange(ref _state, Closed, Idle);
            if (state == Idle)
            {
                return true;
            }

            if (state != Calling || Interlocked.CompareExchange(ref _state, CloseOnReturn, Calling) == Calling)
            {
                // Inside a call (handed over now), or claimed before: this caller does not close it.
                return false;
            }
        }
    }

    /// <summary>The inner sink is closed.</summary>
    public void SetClosed() => _closed.TrySetResult();
}
