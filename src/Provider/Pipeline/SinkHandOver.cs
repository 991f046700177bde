using LoguStyle.Queue;
using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// Keeps each thread's records in order when a reload hands an output from one generation of sinks to the next. Both
/// generations write the same output: one shared file (the registry gives them the same one), or for other kinds the
/// sink of the same name and kind (the same console stream, the same delegate). A thread's last records of the old
/// generation may still be queued when its first of the new one arrive. The new queue's writer on that output starts
/// only once the old queue has drained (or its dispose gave up); a new direct sink's callers wait for that too; so
/// nothing of the new generation overtakes them. Before, only file sinks were handed over so, and an enqueued console
/// or delegate sink showed hundreds of per-thread inversions across 60 reloads.
/// </summary>
internal static class SinkHandOver
{
    /// <summary>Links each sink of <paramref name="next"/> to the queue of <paramref name="previous"/> with the same output.</summary>
    public static void Order(SinkSet previous, SinkSet next)
    {
        foreach (var sink in next.Sinks)
        {
            if (Predecessor(previous, sink) is not { } predecessor)
            {
                continue;
            }

            if (sink is QueuedSink queued)
            {
                queued.StartAfter(predecessor.Ended);
                queued.Inner.InheritFrom(predecessor.Inner);
            }
            else
            {
                // Enqueue turned off: the callers' own writes wait for the old queue instead.
                sink.HoldUntil(predecessor.Ended);
                sink.InheritFrom(predecessor.Inner);
            }
        }
    }

    /// <summary>The queue of <paramref name="set"/> that writes where <paramref name="sink"/> writes, if any.</summary>
    private static QueuedSink? Predecessor(SinkSet set, Sink sink)
    {
        var output = sink is QueuedSink queued ? queued.Inner : sink;
        foreach (var old in set.Sinks)
        {
            if (old is QueuedSink predecessor && SameOutput(predecessor.Inner, output))
            {
                return predecessor;
            }
        }

        return null;
    }

    // A file by its identity (two names may share one file); any other kind by its name and kind.
    private static bool SameOutput(Sink old, Sink next) => old is FileSink oldFile
        ? next is FileSink nextFile && ReferenceEquals(oldFile.File, nextFile.File)
        : next is not FileSink && SameKind(old, next) && old.Name.Equals(next.Name, StringComparison.Ordinal);

    // A Syslog sink is one kind whether it has one connection or several: a reload that changes Connections still
    // drains the old queue before the new one sends, and hands a connection on (see SyslogConnections.InheritFrom).
    private static bool SameKind(Sink old, Sink next) =>
        old.GetType() == next.GetType() || (IsSyslog(old) && IsSyslog(next));

    private static bool IsSyslog(Sink sink) => sink is Sinks.Syslog.SyslogSink or Sinks.Syslog.SyslogConnections;
}
