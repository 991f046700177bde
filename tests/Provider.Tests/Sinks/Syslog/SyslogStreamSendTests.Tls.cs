using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>The send timeout over TLS, whose write is a blocking write under the encryption (the socket's send timeout).</summary>
public sealed partial class SyslogStreamSendTests
{
    /// <summary>
    /// A TLS receiver that completes the handshake, then stops reading without closing (a hung or stopped rsyslogd):
    /// the sink's write fails once the kernel has taken nothing for the send timeout, and the sink reconnects; after the
    /// dispose every record is counted once (written, dropped or failed).
    /// </summary>
    [Fact]
    public async Task Tls_ReceiverStopsReadingWithoutClosing_TheSendTimesOutAndTheSinkReconnects()
    {
        using var folder = new TempFolder();
        var certificates = TestCertificates.Create(folder.Path);
        using var certificate = X509Certificate2.CreateFromPemFile(certificates.CertFile, certificates.KeyFile);
        var timeout = TimeSpan.FromMilliseconds(300);
        Listen();
        const int Logged = 300;
        var since = Stopwatch.StartNew();
        var provider = Provider(timeout, certificates.CaFile);
        try
        {
            var sink = provider.CurrentSinks[0];
            Log(provider, 0, Logged);
            using var first = await AuthenticatedAsync(Take(), certificate);

            // Nothing is read after the handshake: the buffers fill, the kernel takes no more, and the write fails the
            // timeout after.
            await Loopback.WaitUntil(() => Retries() == 1, Deadline);
            Assert.True(since.Elapsed >= timeout, $"failed after {since.Elapsed}, before the timeout");
            Assert.Contains("timed out", Text(), StringComparison.OrdinalIgnoreCase);

            // The back-off (1 s on the provider's clock), then a new session, not read either: the dispose ends it.
            Advance(TimeSpan.FromSeconds(1));
            using var second = await AuthenticatedAsync(Take(), certificate);
            await provider.DisposeAsync();
            await AssertEveryRecordCountedOnce(sink, Logged);
        }
        finally
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>The server's side of the handshake on an accepted connection; then the session is never read.</summary>
    private static async Task<SslStream> AuthenticatedAsync(Socket accepted, X509Certificate2 certificate)
    {
        var session = new SslStream(new NetworkStream(accepted, ownsSocket: false));
        await session.AuthenticateAsServerAsync(certificate).WaitAsync(Deadline);
        return session;
    }
}
