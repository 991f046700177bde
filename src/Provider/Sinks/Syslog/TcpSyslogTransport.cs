using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>RFC 6587: a TCP stream of framed messages; a batch is one write.</summary>
internal sealed class TcpSyslogTransport(string host, int port, TimeSpan sendTimeout, int? sendBufferBytes)
    : StreamSyslogTransport("tcp", host, port, sendTimeout, sendBufferBytes)
{
    protected override Stream Wrap(NetworkStream network, CancellationToken cancellationToken) => network;
}
