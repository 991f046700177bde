using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// A TCP connection carrying framed messages as a stream (RFC 6587, and RFC 5425 inside TLS): a batch is one write. A
/// connection the receiver closed or reset is noticed by <see cref="ClosedWatch"/> before the next batch is lost in it.
/// </summary>
internal abstract class StreamSyslogTransport(string scheme, string host, int port) : ISyslogTransport
{
    private Socket? _socket;
    private Stream? _stream;
    private ClosedWatch? _watch;

    public string Endpoint => $"{scheme}://{host}:{port}";

    public bool IsBroken => _watch is null || _watch.IsClosed;

    protected string Host => host;

    public void Open(CancellationToken cancellationToken)
    {
        _socket = SyslogEndpoints.ConnectTcp(host, port, cancellationToken);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _stream = Wrap((NetworkStream)_stream, cancellationToken);
        _watch = new ClosedWatch(_socket, _stream);
    }

    // Flush: a no-op on a plain network stream; TLS sends what it holds.
    public void Send(SyslogBatch batch)
    {
        _stream!.Write(batch.Bytes);
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_stream is not null && _watch is { IsClosed: false })
        {
            // A connection still up ends as its protocol wants (TLS: close_notify); one the receiver closed has no one to tell.
            Finish(_stream);
        }

        _stream?.Dispose();
        _socket?.Dispose();
    }

    /// <summary>Ends the stream before the socket is closed; nothing for plain TCP (closing sends the FIN).</summary>
    protected virtual void Finish(Stream stream)
    {
    }

    /// <summary>The stream messages are written to over the connected <paramref name="network"/> stream.</summary>
    protected abstract Stream Wrap(NetworkStream network, CancellationToken cancellationToken);
}
