using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoguStyle.Tests.Support;

/// <summary>A loopback UDP socket that keeps every datagram it receives, as text: the far end of a syslog sink over UDP.</summary>
internal sealed class UdpReceiver : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly List<string> _messages = [];
    private readonly Task _receiving;

    public UdpReceiver()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _receiving = Task.Factory.StartNew(Receive, TaskCreationOptions.LongRunning);
    }

    public int Port { get; }

    /// <summary>The datagrams received so far, in order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Dispose()
    {
        // Closing the socket ends the blocked receive.
        _socket.Dispose();
        _receiving.Wait(TimeSpan.FromSeconds(10));
    }

    private void Receive()
    {
        var buffer = new byte[65536];
        while (true)
        {
            int length;
            try
            {
                length = _socket.Receive(buffer);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_messages)
            {
                _messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
            }
        }
    }
}
