namespace LoguStyle.Sinks.Syslog;

/// <summary>A way to the receiver. Used by one writer thread at a time; a failure throws and the sink reconnects.</summary>
internal interface ISyslogTransport : IDisposable
{
    /// <summary>Where the messages go, for reports.</summary>
    string Endpoint { get; }

    /// <summary>
    /// True when the connection is known to be gone (the receiver closed or reset it, see <see cref="ClosedWatch"/>): the
    /// next batch goes over a new connection instead of into a socket whose peer is gone, where the first write still
    /// succeeds and is lost.
    /// </summary>
    bool IsBroken { get; }

    /// <summary>Connects (resolves, opens, for TLS authenticates the server). Throws when it cannot.</summary>
    void Open(CancellationToken cancellationToken);

    /// <summary>Sends every message of <paramref name="batch"/>. Throws when it cannot.</summary>
    void Send(SyslogBatch batch);

    /// <summary>
    /// Closes the connection as <see cref="IDisposable.Dispose"/> does, its graceful end (TLS close_notify, the wait for
    /// the receiver's FIN) over by <paramref name="endBy"/> (<see cref="Environment.TickCount64"/>) at the latest: a
    /// dispose's or a reload's close keeps to what is left of its bound (a receiver that stopped never sends its FIN).
    /// </summary>
    void Dispose(long endBy) => Dispose();
}
