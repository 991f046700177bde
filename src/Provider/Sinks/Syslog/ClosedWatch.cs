using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Reads a receiver's stream in the background to learn when the receiver closed it. A syslog receiver sends no
/// messages, but TLS 1.3 servers send session tickets after the handshake, so "readable" does not mean "closed": only
/// a read that ends (0 bytes: the receiver closed) or fails (reset) does. Reading also keeps the socket's receive buffer
/// empty, so closing our side sends a FIN, not a reset that would make the receiver throw away what it has not read.
/// </summary>
internal sealed class ClosedWatch
{
    private readonly Socket _socket;
    private volatile bool _closed;

    public ClosedWatch(Socket socket, Stream stream)
    {
        _socket = socket;
        _ = WatchAsync(stream);
    }

    /// <summary>
    /// True once the read ended, or when the socket is at its end right now (readable with nothing to read: the
    /// receiver's FIN or reset arrived), which does not wait for the read's continuation to be scheduled.
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
                return _socket.Poll(0, SelectMode.SelectRead) && _socket.Available == 0;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    private async Task WatchAsync(Stream stream)
    {
        var buffer = new byte[512];
        try
        {
            while (await stream.ReadAsync(buffer).ConfigureAwait(false) > 0)
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
