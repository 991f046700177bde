using System.Net;
using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>Resolving and connecting, with a deadline, for the network transports.</summary>
internal static class SyslogEndpoints
{
    /// <summary>How long a connection attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a send may go with the kernel taking none of its bytes (a receiver that stopped reading, without closing)
    /// before it counts as failed: TLS's blocking write by the socket's send timeout, plain TCP's non-blocking send by its
    /// own deadline (<see cref="StreamSyslogTransport"/>).
    /// </summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    public static IPAddress Resolve(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        var addresses = Dns.GetHostAddressesAsync(host, cancellationToken).GetAwaiter().GetResult();
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
    }

    /// <summary>
    /// A connected TCP socket with keep-alive on, so a connection whose peer vanished is found out; its send buffer is the
    /// system's unless <paramref name="sendBufferBytes"/> is set.
    /// </summary>
    public static Socket ConnectTcp(string host, int port, TimeSpan sendTimeout, int? sendBufferBytes, CancellationToken cancellationToken)
    {
        var address = Resolve(host, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendTimeout = (int)sendTimeout.TotalMilliseconds,
        };
        try
        {
            if (sendBufferBytes is { } bytes)
            {
                socket.SendBufferSize = bytes;
            }

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
