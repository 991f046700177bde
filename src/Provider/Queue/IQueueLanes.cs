namespace LoguStyle.Queue;

/// <summary>
/// A sink whose records travel in queues of its own, one a lane (a Syslog sink's connections, see
/// <see cref="Sinks.Syslog.SyslogConnections"/>): the <see cref="QueuedSink"/> in front of it hands each caller's record
/// straight into its lane, so a lane whose output is stuck holds only the callers routed to it. The queue in front keeps
/// what is the sink's as a whole: its place in the provider, flush (a barrier through every lane), dispose, the exit's
/// give-up and the reload's hand-over, each passed on to the lanes.
/// </summary>
internal interface IQueueLanes
{
    /// <summary>The lanes, each a queue with a writer of its own.</summary>
    IReadOnlyList<QueuedSink> Lanes { get; }

    /// <summary>On the caller's thread: puts <paramref name="record"/> into its lane, under that lane's room rule.</summary>
    void Enqueue(LogRecord record);
}
