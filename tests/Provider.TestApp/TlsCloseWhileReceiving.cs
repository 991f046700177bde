using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>tls-close &lt;folder&gt; &lt;rounds&gt; [tls12]</c>: a TLS syslog sink closed while the receiver is sending.
/// A TLS receiver in this process (certificates made in <c>&lt;folder&gt;</c>; TLS 1.2 only with <c>tls12</c>) sends
/// application data without pause on every session it accepts, so the client's session always has bytes coming in when
/// it ends. Each round starts a provider with one TLS Syslog sink, logs "round i", waits until the receiver has read it,
/// and disposes the provider. Prints "received n" (records the receiver read) and, with <c>tls12</c>, "close_notify c"
/// (sessions whose last record was an alert, see <see cref="TlsRecordTypes"/>), then exits 0. A close that runs an
/// OpenSSL operation on the session while another is under way on it can end the process (a signal in libssl), which is
/// what a caller of this mode looks for.
/// </summary>
internal static class TlsCloseWhileReceiving
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<int> Run(string folder, int rounds, bool tls12)
    {
        var certificates = TestCertificates.Create(folder, "tls-close");
        using var serverCertificate = X509Certificate2.CreateFromPemFile(certificates.CertFile, certificates.KeyFile);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var receiver = new Receiver(listener, new SslServerAuthenticationOptions
        {
            ServerCertificate = serverCertificate,
            EnabledSslProtocols = tls12 ? System.Security.Authentication.SslProtocols.Tls12 : System.Security.Authentication.SslProtocols.None,
        });
        var accepting = receiver.AcceptAsync();

        for (var round = 0; round < rounds; round++)
        {
            var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new SyslogSinkOptions("tls")
                    {
                        Protocol = SyslogProtocol.Tls,
                        Host = "127.0.0.1",
                        Port = ((IPEndPoint)listener.LocalEndpoint).Port,
                        CertificatePath = certificates.CaFile,
                        Format = "{message}",
                    },
                },
            });
            provider.CreateLogger("TestApp").LogInformation("round {Round}", round);
            if (!SpinWait.SpinUntil(() => receiver.Received > round, Deadline))
            {
                Console.Error.WriteLine($"round {round} did not arrive within {Deadline.TotalSeconds} s");
                return 4;
            }

            await provider.DisposeAsync();
        }

        listener.Stop();
        await accepting;
        if (!SpinWait.SpinUntil(() => receiver.Ended == rounds, Deadline))
        {
            Console.Error.WriteLine($"{receiver.Ended} of {rounds} sessions ended within {Deadline.TotalSeconds} s");
            return 4;
        }

        Console.WriteLine($"received {receiver.Received}");
        if (tls12)
        {
            Console.WriteLine($"close_notify {receiver.Clean}");
        }

        return 0;
    }

    /// <summary>Accepts sessions; on each, reads (counting "round" records) while it sends without pause.</summary>
    private sealed class Receiver(TcpListener listener, SslServerAuthenticationOptions options)
    {
        private int _received;
        private int _ended;
        private int _clean;

        public int Received => Volatile.Read(ref _received);

        public int Ended => Volatile.Read(ref _ended);

        public int Clean => Volatile.Read(ref _clean);

        public async Task AcceptAsync()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptSocketAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ServeAsync(socket);
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            var records = new TlsRecordTypes(new NetworkStream(socket, ownsSocket: true));
            using var stream = new SslStream(records);
            try
            {
                await stream.AuthenticateAsServerAsync(options).ConfigureAwait(false);
                using var stop = new CancellationTokenSource();
                // On a thread of its own: its writes complete at once while the client reads, and would never let this go on.
                var sending = Task.Run(() => SendAsync(stream, stop.Token));
                var ended = await ReadAsync(stream).ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                await sending.ConfigureAwait(false);
                if (ended && records.LastType == TlsRecordTypes.Alert)
                {
                    Interlocked.Increment(ref _clean);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or System.Security.Authentication.AuthenticationException)
            {
            }
            finally
            {
                Interlocked.Increment(ref _ended);
            }
        }

        /// <summary>Reads to the end; true when it ended between two records (a read of 0), false on a reset or a truncation.</summary>
        private async Task<bool> ReadAsync(SslStream stream)
        {
            var buffer = new byte[4096];
            var text = new StringBuilder();
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                {
                    text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                    var seen = CountRounds(text.ToString());
                    if (seen > 0)
                    {
                        Interlocked.Add(ref _received, seen);
                        text.Clear();
                    }
                }

                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        private static int CountRounds(string text)
        {
            var count = 0;
            for (var at = text.IndexOf("round ", StringComparison.Ordinal); at >= 0; at = text.IndexOf("round ", at + 1, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static async Task SendAsync(SslStream stream, CancellationToken stop)
        {
            var data = new byte[256];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await stream.WriteAsync(data, stop).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException)
            {
                // The client is gone, or the session ended.
            }
        }
    }
}
