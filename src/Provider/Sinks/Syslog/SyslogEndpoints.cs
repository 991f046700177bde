using System.Net;
using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>Resolving and connecting, with a deadline, for the network transports.</summary>
internal static class SyslogEndpoints
{
    /// <summary>How long a connection attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long one write may block on a receiver that stopped reading, before it counts as failed.</summary>
    public const int SendTimeoutMilliseconds = 30_000;

    public static IPAddress Resolve(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddressesAsync(host, cancellationToken).GetAwaiter().GetResult();
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
    }

    /// <summary>A connected TCP socket with keep-alive on, so a connection whose peer vanished is found out.</summary>
    public static Socket ConnectTcp(string host, int port, CancellationToken cancellationToken)
    {
        var address = Resolve(host, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendTimeout = SendTimeoutMilliseconds,
        };
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            TryKeepAlive(socket);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ConnectTimeout);
            socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token).AsTask().GetAwaiter().GetResult();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void TryKeepAlive(Socket socket)
    {
        try
        {
            // A half-open connection (the receiver's machine gone) fails within about a minute and a half of idling.
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (Exception ex) when (ex is SocketException or PlatformNotSupportedException)
        {
            // The system's keep-alive timing stays; writes still find a dead peer.
        }
    }
}
