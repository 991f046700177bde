using System.Net;
using System.Net.Sockets;

namespace LoguStyle.Tests.Support;

/// <summary>
/// A loopback TCP receiver that accepts every connection and never reads: with its small window the kernel's buffers
/// fill after a few records, then each send blocks, as with a syslog receiver that stopped reading.
/// </summary>
internal sealed class NeverReadingReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    public NeverReadingReceiver()
    {
        // Set before Listen, so each accepted socket has a small window.
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Closes every connection accepted so far and stops accepting: a blocked send then fails.</summary>
    public void CloseAll()
    {
        _stop.Cancel();
        lock (_accepted)
        {
            _accepted.ForEach(socket => socket.Dispose());
        }
    }

    public void Dispose()
    {
        CloseAll();
        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Closed.
        }
    }
}
