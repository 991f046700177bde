using System.Net.Sockets;

namespace LoguStyle.Sinks.Syslog;

/// <summary>The local daemon's Unix datagram socket (<c>/dev/log</c>): one message a datagram.</summary>
internal sealed class LocalSyslogTransport(string path) : ISyslogTransport
{
    private Socket? _socket;
    private DatagramBatchSender? _sender;

    public string Endpoint => "unix://" + path;

    // A daemon that went away fails the next send (the socket file is gone or refuses): that reconnects.
    public bool IsBroken => false;

    public void Open(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex) when (Directory.Exists(path))
        {
            // File.Exists is false for a directory: it was said not to exist.
            socket.Dispose();
            throw new IOException($"{path} is a directory, not a socket (set Host to the path of the daemon's socket, e.g. /dev/log)", ex);
        }
        catch (SocketException ex) when (!File.Exists(path))
        {
            // .NET words the kernel's ENOENT as "Cannot assign requested address", which sends a reader to the network.
            socket.Dispose();
            throw new IOException($"{path} does not exist: no daemon's socket is there (start the syslog daemon, or set Host to the path of its socket)", ex);
        }
        catch (SocketException ex) when (Files.Shared.UnixNative.IsSocket(path) == false)
        {
            // The kernel refuses a connection to a file that is no socket, which .NET words as "Connection refused".
            socket.Dispose();
            throw new IOException($"{path} is a file, not a socket (set Host to the path of the daemon's socket, e.g. /dev/log)", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _sender = new DatagramBatchSender(socket, target: null);
    }

    public void Send(SyslogBatch batch) => _sender!.Send(batch);

    public void Dispose() => _socket?.Dispose();
}
