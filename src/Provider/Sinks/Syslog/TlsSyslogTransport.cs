using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// RFC 5425: TLS over TCP, octet-counted. The server's certificate must chain to a trusted authority (the system's, or
/// only those of <see cref="SyslogSinkOptions.CertificatePath"/>) and name the host; a client certificate is offered
/// when one is configured.
/// </summary>
internal sealed class TlsSyslogTransport(string host, int port, SyslogTrust trust) : StreamSyslogTransport("tls", host, port)
{
    protected override Stream Wrap(NetworkStream network, CancellationToken cancellationToken)
    {
        var stream = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = Host,
                CertificateChainPolicy = trust.ChainPolicy(),
                ClientCertificates = trust.ClientCertificate is { } client ? new X509CertificateCollection { client } : null,
            };
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(SyslogEndpoints.ConnectTimeout);
            stream.AuthenticateAsClientAsync(options, deadline.Token).GetAwaiter().GetResult();
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
