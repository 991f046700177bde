using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>The local daemon's Unix datagram socket (<c>/dev/log</c>): one message a datagram.</summary>
internal sealed class LocalSyslogTransport(string path) : ISyslogTransport
{
    private Socket? _socket;

    public string Endpoint => "unix://" + path;

    // A daemon that went away fails the next send (the socket file is gone or refuses): that reconnects.
    public bool IsBroken => false;

    public void Open(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    public void Send(SyslogBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            _socket!.Send(batch.Message(i));
        }
    }

    public void Dispose() => _socket?.Dispose();
}
