using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using LoguStyle.Testing;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// The floor: a plain socket per thread, no queue, no formatting. Datagrams one per message; TCP and TLS octet-counted
/// (RFC 6587) through a 64 KiB buffer, so a write carries many messages as the sink's batches do.
/// </summary>
internal sealed class PlainSender : IDisposable
{
    private readonly Socket _socket;
    private readonly EndPoint? _target;
    private readonly Stream? _stream;

    private PlainSender(Socket socket, EndPoint? target, Stream? stream)
    {
        _socket = socket;
        _target = target;
        _stream = stream;
    }

    public static PlainSender Open(SyslogProtocol protocol, RsyslogReceiver receiver, string? caFile)
    {
        switch (protocol)
        {
            case SyslogProtocol.Udp:
                return new(new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp), new IPEndPoint(IPAddress.Loopback, receiver.Port), null);
            case SyslogProtocol.Local:
                return new(new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(receiver.SocketPath!), null);
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

                return new(socket, null, new BufferedStream(stream, 64 * 1024));
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
            _stream.Dispose();
            _socket.Shutdown(SocketShutdown.Both);
        }

        _socket.Dispose();
    }
}
