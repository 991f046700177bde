using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Queue;

/// <summary>
/// Flush by position: a flush puts a barrier into the channel behind every record accepted before it, and only the
/// writer completes it, after it took everything ahead of the barrier and flushed the inner sink. A count of settled
/// records cannot say this: drops of records accepted after the flush would count too.
/// </summary>
/// <remarks>
/// The channel holds one shared <see cref="Marker"/> per barrier, and the waiting flushes are in a FIFO filled under
/// the same lock as the channel write, so the n-th marker read is the n-th flush's. A caller that takes a marker out
/// to make room (DropOldest) only counts it as reached; the writer completes it after its next inner flush.
/// </remarks>
internal sealed class FlushBarriers
{
    /// <summary>The marker in the channel; never written, never released.</summary>
    public static readonly LogRecord Marker = new(DateTimeOffset.MinValue, LogLevel.None, "LoguStyle", "flush");

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private long _reached;
    private long _completed;

    /// <summary>Puts a barrier behind every record queued so far; null when the channel is completed.</summary>
    public Task? Add(ChannelWriter<object> channel)
    {
        QueueSteps.Step("barrier.add");
        return AddWithoutStep(channel);
    }

    /// <summary>
    /// <see cref="Add"/> without a step of the scheduled tests: for a caller that took its own step before the lock it
    /// holds around this call (a step inside a lock would park its thread holding it).
    /// </summary>
    public Task? AddWithoutStep(ChannelWriter<object> channel)
    {
        lock (_lock)
        {
            if (!channel.TryWrite(Marker))
            {
                return null;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(done);
            return done.Task;
        }
    }

    /// <summary>A marker was taken out of the channel (by the writer, or by a caller making room).</summary>
    public void Reached()
    {
        QueueSteps.Step("barrier.reached");
        Interlocked.Increment(ref _reached);
    }

    /// <summary>True when a marker was reached whose flush is not completed yet.</summary>
    public bool HasReached
    {
        get
        {
            QueueSteps.Step("barrier.has-reached");
            return Volatile.Read(ref _reached) > Volatile.Read(ref _completed);
        }
    }

    /// <summary>
    /// Completes the flushes whose markers were reached by <paramref name="reached"/> (a count read before the inner
    /// flush the writer just finished). Writer only.
    /// </summary>
    public void Complete(long reached)
    {
        QueueSteps.Step("barrier.complete");
        if (Volatile.Read(ref _completed) >= reached)
        {
            return;
        }

        lock (_lock)
        {
            while (_completed < reached && _waiting.TryDequeue(out var done))
            {
                done.TrySetResult();
                Volatile.Write(ref _completed, _completed + 1);
            }
        }
    }

    /// <summary>Flushes completed so far (for the scheduled tests).</summary>
    internal long CompletedCount => Volatile.Read(ref _completed);

    /// <summary>The count to pass to <see cref="Complete"/> after the next inner flush.</summary>
    public long ReachedSoFar
    {
        get
        {
            QueueSteps.Step("barrier.reached-so-far");
            return Volatile.Read(ref _reached);
        }
    }

    /// <summary>Completes every waiting flush: the queue is gone (dispose gave up; its loss is counted and reported).</summary>
    public void CompleteAll()
    {
        QueueSteps.Step("barrier.complete-all");
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var done))
            {
                done.TrySetResult();
                _completed++;
            }
        }
    }
}
