namespace LoguStyle.Queue;

/// <summary>
/// A sink whose records travel in queues of its own, one a lane (a Syslog sink's connections, see
/// <see cref="Sinks.Syslog.SyslogConnections"/>), with a <see cref="QueueInFrontOfLanes"/> in front of it.
/// </summary>
internal interface IQueueLanes
{
    /// <summary>The lanes, each a queue with a writer of its own.</summary>
    IReadOnlyList<QueuedSink> Lanes { get; }

    /// <summary>On the caller's thread: puts <paramref name="record"/> into its lane, under that lane's room rule.</summary>
    void Enqueue(LogRecord record);
}
