using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// A connected TCP stream to the receiver (plain or TLS): it connects, lets the transport wrap the socket's stream,
/// watches the connection for a close by the peer, and writes a batch in one write. The two transports differ only
/// in the wrapping and the name of their endpoint.
/// </summary>
internal abstract class StreamSyslogTransport(string host, int port) : ISyslogTransport
{
    private Socket? _socket;
    private Stream? _stream;
    private ClosedWatch? _watch;

    public abstract string Endpoint { get; }

    public bool IsBroken => _watch is null || _watch.IsClosed;

    protected string Host => host;

    protected int Port => port;

    public void Open(CancellationToken cancellationToken)
    {
        _socket = SyslogEndpoints.ConnectTcp(host, port, cancellationToken);
        _stream = Wrap(new NetworkStream(_socket, ownsSocket: true), cancellationToken);
        _watch = new ClosedWatch(_socket, _stream);
    }

    public void Send(SyslogBatch batch)
    {
        _stream!.Write(batch.Bytes);

        // A TLS stream holds a partial record until flushed; a NetworkStream's Flush does nothing.
        _stream.Flush();
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _socket?.Dispose();
    }

    /// <summary>The stream the messages are written to, over the connected socket's (which it owns); throws when it cannot be made.</summary>
    protected abstract Stream Wrap(NetworkStream connected, CancellationToken cancellationToken);
}
