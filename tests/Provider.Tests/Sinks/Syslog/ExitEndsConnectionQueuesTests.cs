using System.Diagnostics;
using System.Globalization;
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

    private readonly NeverReadingReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    /// <summary>
    /// Review of issue 15: the exit's close of a queue its drain had flushed gave up on that queue alone when its writer
    /// was not done in time; the connections' queues behind it kept their records, neither written nor counted, when the
    /// process ended (an outside run: 17 over the local socket, 30 over TLS, rsyslogd stopped, 4 connections).
    /// </summary>
    [Fact]
    public async Task ExitEnd_DrainedQueueOverStuckConnections_ConnectionQueuesGivenUpAndCounted()
    {
        var port = _receiver.Port;
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
            QueueFullMode = QueueFullMode.Wait,
            MaxMessageBytes = 16 * 1024,
        };
        var padding = new string('x', 4 * 1024);
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } }, TimeProvider.System, errors);
        var front = Assert.IsType<QueueInFrontOfLanes>(provider.CurrentSinks[0]);
        var connections = Assert.IsType<SyslogConnections>(front.Inner);
        var logger = provider.CreateLogger("c");

        // One thread, so one connection. It logs more bytes than the kernel can hold for a connection whose receiver does
        // not read (the sender's largest buffer, tcp_wmem's third figure, and the receiver's small one), waiting for room
        // whenever the connection's queue is full: once the kernel's buffers are full the connection's send blocks for
        // good, its queue fills (its share of the sink's 100, 25) and the thread waits in its call, until the exit ends it.
        var most = long.Parse(File.ReadAllText("/proc/sys/net/ipv4/tcp_wmem").Split('\t', ' ')[^1].Trim(), CultureInfo.InvariantCulture);
        var records = 2 * (most + (1 << 20)) / padding.Length;
        var logging = new Thread(() =>
        {
            for (var i = 0; i < records; i++)
            {
                logger.LogInformation("{N} {Padding}", i, padding);
            }
        });
        logging.Start();

        // The calls went straight into the connection's queue: the sink's own queue in front holds none. Stuck: that
        // queue full, and its writer has written nothing for half a second (a full queue alone may only be a writer slower
        // than the thread, which the exit's wait would see drain).
        await Loopback.WaitUntilQuiet(() => connections.Lanes.Sum(lane => lane.Counters.Written), TimeSpan.FromMilliseconds(500), Deadline, () => connections.Queued >= 25);
        var held = connections.Queued;

        // As the exit ends a queue its drain flushed: what is left of the timeout to write, then give up and count.
        var droppedBefore = front.Stats.Dropped;
        var bound = TimeSpan.FromMilliseconds(200);
        await front.EndAtExitAsync(bound, bound, "exiting").WaitAsync(Deadline);

        // Given up and counted: no connection's queue holds a record the process would end under uncounted.
        Assert.True(connections.Queued == 0, $"{connections.Queued} of {held} record(s) left in the connections' queues, uncounted; dropped {front.Stats.Dropped}; stderr: {Text(stderr, errors)}");
        Assert.True(front.Stats.Dropped >= droppedBefore + held, $"dropped {droppedBefore} before, {front.Stats.Dropped} after; {held} were in the connections' queues");
        // The line names the connection whose queue it gave up (an outside test: with 3 connections, two lines alike).
        Assert.Matches(@"sink 'syslog' \(connection [1-4] of 4\) could not write [0-9]+ record\(s\)", Text(stderr, errors));

        // The waiting thread was let go when the exit ended the queue; its later calls are refused.
        Assert.True(logging.Join(Deadline));
        _receiver.CloseAll();
    }

    private static string Text(StringWriter stderr, TextWriter errors)
    {
        lock (errors)
        {
            return stderr.ToString();
        }
    }
}
