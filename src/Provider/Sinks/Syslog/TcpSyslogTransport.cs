using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>RFC 6587: a TCP stream of framed messages; a batch is one write.</summary>
internal sealed class TcpSyslogTransport(string host, int port) : ISyslogTransport
{
    private Socket? _socket;
    private NetworkStream? _stream;

    public string Endpoint => $"tcp://{host}:{port}";

    private ClosedWatch? _watch;

    public bool IsBroken => _watch is null || _watch.IsClosed;

    public void Open(CancellationToken cancellationToken)
    {
        _socket = SyslogEndpoints.ConnectTcp(host, port, cancellationToken);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _watch = new ClosedWatch(_socket, _stream);
    }

    public void Send(SyslogBatch batch) => _stream!.Write(batch.Bytes);

    public void Dispose()
    {
        _stream?.Dispose();
        _socket?.Dispose();
    }
}
