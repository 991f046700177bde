namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Hands a Syslog sink's connection to the next generation's sink of the same name and receiver at a reload, so each
/// thread's records stay in order across it. A receiver reads its connections side by side (rsyslogd does), so a new
/// connection per generation would let the new generation's records overtake the old one's last
/// (RsyslogTests.Reconfigure30Times_FourThreads_EveryRecordOnceInEachThreadsOrder). With one connection the receiver
/// reads the old generation's last records before the new one's first.
/// </summary>
/// <remarks>
/// The new sink's writer starts only after the old queue drained (see Pipeline.SinkHandOver), and then waits, before its
/// first send, for the old sink's dispose to hand its connection on (or close it: a send still stuck in it when the drain
/// gave up, a connection already broken). One lock orders the old writer's sends, the old sink's dispose and the new
/// writer's taking of the connection.
/// </remarks>
internal sealed class SyslogConnectionHandOver(SyslogReceiverKey receiver)
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Under _lock.
    private SyslogConnectionHandOver? _successor;
    private ISyslogTransport? _adopted;
    private bool _sendUnderWay;
    private bool _closed;

    // The writer's, once: the previous generation's release, awaited before the first send.
    private Task? _predecessor;

    /// <summary>
    /// The previous generation's release still to be awaited before the first send (null once awaited, or with no
    /// previous generation on this receiver).
    /// </summary>
    public Task? Predecessor => Volatile.Read(ref _predecessor);

    /// <summary>
    /// The reload links the two generations (before any record reaches <paramref name="next"/>): only when both send to
    /// the same receiver the same way; another receiver, port, protocol, framing or certificate gets a connection of its own.
    /// </summary>
    public void Link(SyslogConnectionHandOver next)
    {
        if (receiver != next.Receiver)
        {
            return;
        }

        lock (_lock)
        {
            _successor = next;
        }

        Volatile.Write(ref next._predecessor, _released.Task);
    }

    /// <summary>The writer awaited <see cref="Predecessor"/>.</summary>
    public void PredecessorAwaited() => Volatile.Write(ref _predecessor, null);

    /// <summary>
    /// The writer begins a send; returns the connection the previous generation handed over and not yet taken, if any.
    /// From here until <see cref="EndSend"/> the sink's dispose does not hand its connection on.
    /// </summary>
    public ISyslogTransport? BeginSend()
    {
        lock (_lock)
        {
            _sendUnderWay = true;
            var adopted = _adopted;
            _adopted = null;
            return adopted;
        }
    }

    public void EndSend()
    {
        lock (_lock)
        {
            _sendUnderWay = false;
        }
    }

    /// <summary>
    /// The sink's dispose, after its writer's last send: hands the connection <paramref name="detach"/> takes out of the
    /// sink on to the next generation when there is one, no send is under way and the connection is up; else the sink
    /// closes its connection as before. Either way the next generation may send from then on.
    /// </summary>
    public void Release(Func<ISyslogTransport?> detach)
    {
        SyslogConnectionHandOver? next;
        ISyslogTransport? handOn = null;
        ISyslogTransport? close;
        lock (_lock)
        {
            _closed = true;
            next = _successor;
            close = _adopted;
            _adopted = null;
            if (next is not null && !_sendUnderWay)
            {
                // Detached under the lock: a send that begins after this finds no connection to close or write into.
                var current = detach() ?? close;
                if (ReferenceEquals(current, close))
                {
                    close = null;
                }

                if (current is { IsBroken: false })
                {
                    handOn = current;
                }
                else
                {
                    current?.Dispose();
                }
            }
        }

        close?.Dispose();
        if (handOn is not null)
        {
            next!.Adopt(handOn);
        }

        _released.TrySetResult();
    }

    private SyslogReceiverKey Receiver => receiver;

    private void Adopt(ISyslogTransport transport)
    {
        lock (_lock)
        {
            if (!_closed && _adopted is null)
            {
                _adopted = transport;
                return;
            }
        }

        // This generation was disposed before it took the connection (its drain gave up while it waited): closed.
        transport.Dispose();
    }
}
