using System.Net.Sockets;
using LoguStyle.Testing;

namespace LoguStyle.Tests.Support;

/// <summary>
/// A local syslog daemon's socket (what <c>/dev/log</c> is): a Unix datagram socket bound in a folder of its own, read
/// only when the test reads it. Left unread, its queue of datagrams fills (10 by default, net.unix.max_dgram_qlen) and a
/// sender then waits for room.
/// </summary>
internal sealed class DaemonSocket : IDisposable
{
    private readonly TempFolder _folder = new();

    public DaemonSocket()
    {
        Path = _folder.File("log.sock");
        Socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    /// <summary>The daemon's socket: the test reads it, or closes it (a daemon gone), or leaves it full.</summary>
    public Socket Socket { get; } = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    /// <summary>The socket's path: the Syslog sink's <c>Host</c> for <c>Local</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// A Syslog sink over <c>Local</c> to this socket, writing the bare message under the app name <c>t</c>, with the
    /// queue's <paramref name="mode"/>, <paramref name="connections"/> and <paramref name="queueCapacity"/> (null: the default),
    /// named <paramref name="name"/> (null: <c>syslog</c>).
    /// </summary>
    public SyslogSinkOptions Sink(QueueFullMode mode, int connections = 1, int? queueCapacity = null, string? name = null) => new(name)
    {
        Protocol = SyslogProtocol.Local,
        Host = Path,
        AppName = "t",
        Format = "{message}",
        Connections = connections,
        QueueCapacity = queueCapacity,
        QueueFullMode = mode,
    };

    /// <summary>The folder the socket is in, for other files of the test.</summary>
    public TempFolder Folder => _folder;

    public void Dispose()
    {
        Socket.Dispose();
        _folder.Dispose();
    }
}
