using LoguStyle.Queue;
using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// Keeps each thread's records in order when a reload hands a file from one generation of sinks to the next. Both
/// generations write one shared file (the registry gives them the same one); a thread's last records of the old
/// generation may still be queued when its first of the new one arrive. The new queue's writer on that file starts
/// only once the old queue has drained (or its dispose gave up); a new direct sink's callers wait for that too; so
/// nothing of the new generation overtakes them.
/// </summary>
internal static class SinkHandOver
{
    /// <summary>Links each queue of <paramref name="next"/> to the queue of <paramref name="previous"/> on the same file.</summary>
    public static void Order(SinkSet previous, SinkSet next)
    {
        foreach (var sink in next.Sinks)
        {
            if (sink is QueuedSink { Inner: FileSink file } queued && QueueOn(previous, file) is { } predecessor)
            {
                queued.StartAfter(predecessor.Ended);
            }
            else if (sink is FileSink direct && QueueOn(previous, direct) is { } drained)
            {
                // Enqueue turned off: the callers' own writes wait for the old queue instead.
                direct.HoldUntil(drained.Ended);
            }
        }
    }

    private static QueuedSink? QueueOn(SinkSet set, FileSink file)
    {
        foreach (var sink in set.Sinks)
        {
            if (sink is QueuedSink { Inner: FileSink other } queued && ReferenceEquals(other.File, file.File))
            {
                return queued;
            }
        }

        return null;
    }
}
