using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Reads a receiver's socket in the background to learn when the receiver closed it. A syslog receiver sends no
/// messages, but TLS 1.3 servers send session tickets after the handshake, so "readable" does not mean "closed": only
/// a read that ends (0 bytes: the receiver closed) or fails (reset) does. Reading also keeps the socket's receive buffer
/// empty, so closing our side sends a FIN, not a reset that would make the receiver throw away what it has not read.
/// </summary>
/// <remarks>
/// The watch reads the socket, under TLS too, and throws the bytes away: what a receiver sends is of no use to the sink
/// (session tickets serve a resumption it does not do), and a read through the <c>SslStream</c> is an OpenSSL operation
/// on the session beside the writer's writes and the close's close_notify. OpenSSL does not allow two at once on one
/// session: the close notice sent while the read took in the receiver's bytes ended the process with a segfault in
/// libssl (TlsCloseTests). The session is then used by the writer and the close alone, one at a time (see
/// <see cref="TlsSyslogTransport"/>).
/// </remarks>
internal sealed class ClosedWatch
{
    private readonly Socket _socket;
    private volatile bool _closed;

    public ClosedWatch(Socket socket)
    {
        _socket = socket;
        _ = WatchAsync();
    }

    // Linux's tcp_info (getsockopt IPPROTO_TCP, TCP_INFO): its first byte is the connection's state.
    private const int IpProtoTcp = 6;
    private const int TcpInfo = 11;
    private const byte TcpEstablished = 1;

    /// <summary>
    /// True once the read ended, or when the receiver's FIN or reset has arrived already, which does not wait for the
    /// read's continuation to be scheduled.
    /// </summary>
    public bool IsClosed
    {
        get
        {
            if (_closed)
            {
                return true;
            }

            try
            {
                return PeerEnded();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// On Linux, the TCP state in one reading: no longer ESTABLISHED once the receiver's FIN (CLOSE_WAIT) or reset
    /// (CLOSE) arrived. "Readable with nothing to read" is not used there: the watch's own read can take the bytes that
    /// made the socket readable (a TLS 1.3 server's session tickets) between the two looks, and a live session then
    /// looked closed and was dropped without close_notify (ClosedWatchTests). Elsewhere that look is what there is.
    /// </summary>
    private bool PeerEnded()
    {
        if (OperatingSystem.IsLinux())
        {
            Span<byte> info = stackalloc byte[8];
            return _socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info) > 0 && info[0] != TcpEstablished;
        }

        return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
    }

    private async Task WatchAsync()
    {
        var buffer = new byte[512];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false) > 0)
            {
            }
        }
#pragma warning disable CA1031 // Any failure of the read (reset, disposed) means the connection is gone.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _closed = true;
    }
}
