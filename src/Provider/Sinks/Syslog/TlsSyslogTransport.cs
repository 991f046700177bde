using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
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

    // A ticket is taken in within microseconds on a live connection: a short pause, not a spin, between tries.
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Sends TLS's close_notify (RFC 5246 7.2.1, RFC 8446 6.1), so the receiver sees a clean end rather than a
    /// truncation: rsyslog's OpenSSL driver logs one as an error (<c>unexpected eof while reading</c>) for every close.
    /// </summary>
    /// <remarks>
    /// Right after the handshake a TLS 1.3 server sends session tickets, and while the watch's read is taking one in,
    /// OpenSSL's session is back "in init": the close notice then fails at once (<c>shutdown while in init</c>, a
    /// <see cref="CryptographicException"/>) and is tried again until the ticket is in, within the same bound. Seen
    /// when a sink was disposed right after its first record (RsyslogTests.Tls_DisposedRightAfterTheFirstRecord_...).
    /// </remarks>
    protected override void Finish(Stream stream)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                ((SslStream)stream).ShutdownAsync().Wait(CloseNotifyTimeout - elapsed.Elapsed);
                return;
            }
            catch (CryptographicException) when (elapsed.Elapsed < CloseNotifyTimeout - RetryPause)
            {
                Thread.Sleep(RetryPause);
            }
#pragma warning disable CA1031 // Any other failure: a write still under way (dispose closes a connection whose send is stuck), a connection that just broke, the bound spent; the close goes on without the notice.
            catch (Exception)
#pragma warning restore CA1031
            {
                return;
            }
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
