using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>RFC 6587: a TCP stream of framed messages; a batch is one write.</summary>
internal sealed class TcpSyslogTransport(string host, int port) : StreamSyslogTransport(host, port)
{
    public override string Endpoint => $"tcp://{Host}:{Port}";

    protected override Stream Wrap(NetworkStream connected, CancellationToken cancellationToken) => connected;
}
