using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoguStyle.Queue;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// The exit's end of a Syslog sink of four connections whose receiver stopped reading: the records in the connections'
/// queues are given up and counted with the sink's queue, whichever way the exit ends that queue.
/// </summary>
public sealed class ExitEndsConnectionQueuesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // A receiver that accepts every connection and never reads: the kernel's buffers fill, then each send blocks.
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    public ExitEndsConnectionQueuesTests()
    {
        // Set before Listen, so each accepted socket has a small window: the sends block after a few records.
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        _ = AcceptAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        lock (_accepted)
        {
            _accepted.ForEach(socket => socket.Dispose());
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Review of issue 15: the exit's close of a queue its drain had flushed gave up on that queue alone when its writer
    /// was not done in time; the connections' queues behind it kept their records, neither written nor counted, when the
    /// process ended (an outside run: 17 over the local socket, 30 over TLS, rsyslogd stopped, 4 connections).
    /// </summary>
    [Fact]
    public async Task ExitEnd_DrainedQueueOverStuckConnections_ConnectionQueuesGivenUpAndCounted()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        var options = new SyslogSinkOptions
        {
            Protocol = SyslogProtocol.Tcp,
            Port = port,
            AppName = "t",
            Format = "{message}",
            Connections = 4,
            QueueCapacity = 100,
            QueueFullMode = QueueFullMode.DropWrite,
            MaxMessageBytes = 16 * 1024,
        };
        var padding = new string('x', 4 * 1024);
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } }, TimeProvider.System, errors);
        var front = Assert.IsType<QueuedSink>(provider.CurrentSinks[0]);
        var connections = Assert.IsType<SyslogConnections>(front.Inner);
        var logger = provider.CreateLogger("c");

        // One thread, so one connection. More bytes than the kernel can hold for a connection whose receiver does not
        // read (the sender's largest buffer, tcp_wmem's third figure, and the receiver's small one): once they are logged
        // the connection's send blocks for good, and the queues in front of it fill.
        var most = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), CultureInfo.InvariantCulture);
        var records = (most + (1 << 20)) / padding.Length;
        var logging = new Thread(() =>
        {
            for (var i = 0; i < records; i++)
            {
                logger.LogInformation("{N} {Padding}", i, padding);
            }
        });
        logging.Start();
        Assert.True(logging.Join(Deadline));

        // Stuck: the sink's queue full (its writer waits in the connection's flush or for room in its queue) and the
        // connection's queue holding records.
        await Loopback.WaitUntil(() => front.Counters.Queued == 100 && connections.Queued > 0, Deadline);
        var held = connections.Queued;

        // As the exit ends a queue its drain flushed: what is left of the timeout to write, then give up and count.
        var droppedBefore = front.Stats.Dropped;
        var bound = TimeSpan.FromMilliseconds(200);
        await front.EndAtExitAsync(bound, bound, "exiting").WaitAsync(Deadline);

        // Given up and counted: no connection's queue holds a record the process would end under uncounted.
        Assert.True(connections.Queued == 0, $"{connections.Queued} of {held} record(s) left in the connections' queues, uncounted; dropped {front.Stats.Dropped}; stderr: {Text(stderr, errors)}");
        Assert.True(front.Stats.Dropped >= droppedBefore + held, $"dropped {droppedBefore} before, {front.Stats.Dropped} after; {held} were in the connections' queues");
        Assert.Contains("sink 'syslog' could not write", Text(stderr, errors), StringComparison.Ordinal);
        _stop.Cancel();
        lock (_accepted)
        {
            _accepted.ForEach(socket => socket.Dispose());
        }
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
            // The test is over.
        }
    }

    private static string Text(StringWriter stderr, TextWriter errors)
    {
        lock (errors)
        {
            return stderr.ToString();
        }
    }
}
