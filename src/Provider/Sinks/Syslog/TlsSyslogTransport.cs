using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// RFC 5425: TLS over TCP, octet-counted. The server's certificate must chain to a trusted authority (the system's, or
/// only those of <see cref="SyslogSinkOptions.CertificatePath"/>) and name the host; a client certificate is offered
/// when one is configured.
/// </summary>
internal sealed class TlsSyslogTransport(string host, int port, SyslogTrust trust) : ISyslogTransport
{
    private Socket? _socket;
    private SslStream? _stream;

    public string Endpoint => $"tls://{host}:{port}";

    private ClosedWatch? _watch;

    public bool IsBroken => _watch is null || _watch.IsClosed;

    public void Open(CancellationToken cancellationToken)
    {
        _socket = SyslogEndpoints.ConnectTcp(host, port, cancellationToken);
        _stream = new SslStream(new NetworkStream(_socket, ownsSocket: true), leaveInnerStreamOpen: false);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateChainPolicy = trust.ChainPolicy(),
            ClientCertificates = trust.ClientCertificate is { } client ? new X509CertificateCollection { client } : null,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(SyslogEndpoints.ConnectTimeout);
        _stream.AuthenticateAsClientAsync(options, deadline.Token).GetAwaiter().GetResult();
        _watch = new ClosedWatch(_socket, _stream);
    }

    public void Send(SyslogBatch batch)
    {
        _stream!.Write(batch.Bytes);
        _stream.Flush();
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _socket?.Dispose();
    }
}
