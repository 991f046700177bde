using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LoguStyle.Testing;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// The floor: a plain socket per sender, no queue, no formatting. Datagrams one per message; TCP and TLS octet-counted
/// (RFC 6587) through a 64 KiB buffer, so a write carries many messages as the sink's batches do.
/// </summary>
/// <remarks>
/// <para>A stream ends as the sink's connection does, so both sides' clocks stop at the same point: the protocol's end
/// (TLS: close_notify), our FIN, then the receiver's FIN, which rsyslogd sends once it has read everything we sent, waited
/// for at most <see cref="ReceiverEndWait"/> (the sink's <c>StreamSyslogTransport.ReceiverEndWait</c>). A floor that
/// stopped its clock once the kernel held its last bytes, while the sink's waited for rsyslogd to read them, measured
/// the sink with up to half a second of rsyslogd's backlog in it and the floor without.</para>
/// <para>A stream is read in the background while it is written, as the sink's <c>ClosedWatch</c> reads it: a TLS 1.3 server
/// sends session tickets after the handshake, and a socket closed with them unread sends a reset instead of a FIN,
/// and rsyslogd then throws away what it had received and not yet read (the floor "lost" ~9 % over TLS before).</para>
/// </remarks>
internal sealed class PlainSender : IDisposable
{
    /// <summary>How long a stream's end waits for the receiver's FIN: the sink's close waits as long.</summary>
    private static readonly TimeSpan ReceiverEndWait = TimeSpan.FromMilliseconds(500);

    private readonly Socket _socket;
    private readonly EndPoint? _target;
    private readonly Stream? _stream;
    private readonly SslStream? _tls;
    private readonly Task _reading;

    private PlainSender(Socket socket, EndPoint? target, Stream? stream, Stream? readable)
    {
        _socket = socket;
        _target = target;
        _stream = stream;
        _tls = readable as SslStream;
        _reading = readable is null ? Task.CompletedTask : DrainAsync(readable);
    }

    public static PlainSender Open(SyslogProtocol protocol, RsyslogReceiver receiver, string? caFile)
    {
        switch (protocol)
        {
            case SyslogProtocol.Udp:
                return new(new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp), new IPEndPoint(IPAddress.Loopback, receiver.Port), null, null);
            case SyslogProtocol.Local:
                return new(new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(receiver.SocketPath!), null, null);
            default:
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Connect(IPAddress.Loopback, receiver.Port);
                Stream stream = new NetworkStream(socket, ownsSocket: false);
                if (caFile is not null)
                {
                    // The server's certificate is validated against this run's CA, as the sink validates it.
                    var chain = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
                    chain.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    ssl.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = chain });
                    stream = ssl;
                }

                return new(socket, null, new BufferedStream(stream, 64 * 1024), stream);
        }
    }

    public void Send(byte[] message)
    {
        if (_stream is null)
        {
            _socket.SendTo(message, SocketFlags.None, _target!);
            return;
        }

        Span<byte> prefix = stackalloc byte[12];
        message.Length.TryFormat(prefix, out var digits, provider: CultureInfo.InvariantCulture);
        prefix[digits++] = (byte)' ';
        _stream.Write(prefix[..digits]);
        _stream.Write(message);
    }

    public void Dispose()
    {
        if (_stream is not null)
        {
            _stream.Flush();
            _tls?.ShutdownAsync().Wait(ReceiverEndWait);
            _socket.Shutdown(SocketShutdown.Send);

            // The background read ends at the receiver's FIN: everything sent was read by then.
            _reading.Wait(ReceiverEndWait);
            _stream.Dispose();
        }

        _socket.Dispose();
        _reading.Wait();
    }

    private static async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[512];
        try
        {
            while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // Closed by Dispose.
        }
    }
}
