using System.Net;
using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>RFC 5426: one message a datagram, sent to the address the host name resolved to when opened.</summary>
internal sealed class UdpSyslogTransport(string host, int port) : ISyslogTransport
{
    private Socket? _socket;
    private DatagramBatchSender? _sender;

    public string Endpoint => $"udp://{host}:{port}";

    // Datagrams have no connection to lose.
    public bool IsBroken => false;

    public void Open(CancellationToken cancellationToken)
    {
        var address = SyslogEndpoints.Resolve(host, cancellationToken);
        _socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // Unconnected sends: an ICMP "port unreachable" for one datagram does not fail the next. The receiver's address
        // in the socket's own form, made once: SendTo with an EndPoint serializes it into a new SocketAddress on every
        // datagram (an allocation per record).
        _sender = new DatagramBatchSender(_socket, new IPEndPoint(address, port).Serialize());
    }

    public void Send(SyslogBatch batch) => _sender!.Send(batch);

    public void Dispose() => _socket?.Dispose();
}
