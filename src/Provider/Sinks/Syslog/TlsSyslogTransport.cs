using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// RFC 5425: TLS over TCP, octet-counted. The server's certificate must chain to a trusted authority (the system's, or
/// only those of <see cref="SyslogSinkOptions.CertificatePath"/>) and name the host; a client certificate is offered
/// when one is configured.
/// </summary>
internal sealed class TlsSyslogTransport(string host, int port, SyslogTrust trust, TimeSpan sendTimeout, int? sendBufferBytes)
    : StreamSyslogTransport("tls", host, port, sendTimeout, sendBufferBytes)
{
    // close_notify is one small record; a receiver that stopped reading must not hold a close (dispose's) longer than this.
    private static readonly TimeSpan CloseNotifyTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sends TLS's close_notify (RFC 5246 7.2.1, RFC 8446 6.1), so the receiver sees a clean end rather than a
    /// truncation: rsyslog's OpenSSL driver logs one as an error (<c>unexpected eof while reading</c>) for every close.
    /// </summary>
    /// <remarks>
    /// Never beside a write (see the base's close): OpenSSL allows one operation on a session at once, and a close that
    /// comes during a write is ending a send the receiver does not take, behind which the notice could not go out. The
    /// dispose of the SslStream after the notice does not wait for a stuck send either: the runtime frees the session only
    /// once the writer's call into OpenSSL has returned (its handle is reference-counted).
    /// </remarks>
    protected override void Finish(Stream stream, TimeSpan bound)
    {
        try
        {
            ((SslStream)stream).ShutdownAsync().Wait(bound < CloseNotifyTimeout ? bound : CloseNotifyTimeout);
        }
#pragma warning disable CA1031 // Any failure (a connection that just broke, the bound spent): the close goes on without the notice.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

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
