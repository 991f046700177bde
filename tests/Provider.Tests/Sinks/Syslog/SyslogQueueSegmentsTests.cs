using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A syslog connection's callers format their messages into the queue's segments (RenderedSegments): a record logged
/// while the connection's writer waits for work is sent without a flush, with one connection or several. Through the
/// public API, to a loopback UDP socket.
/// </summary>
public sealed class SyslogQueueSegmentsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(QueueFullMode.Wait, 1)]
    [InlineData(QueueFullMode.DropWrite, 1)]
    [InlineData(QueueFullMode.Wait, 3)]
    public async Task ARecordLoggedWhileTheWriterWaits_IsSentWithoutAFlush(QueueFullMode mode, int connections)
    {
        using var receiver = new UdpReceiver();
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new SyslogSinkOptions { Port = receiver.Port, AppName = "shop", QueueCapacity = 6, QueueFullMode = mode, Connections = connections } },
        });
        var logger = provider.CreateLogger("c");
        var queue = (QueuedSink)provider.CurrentSinks.Single();
        IReadOnlyList<QueuedSink> lanes = connections == 1 ? [queue] : ((IQueueLanes)queue.Inner).Lanes;
        Assert.All(lanes, lane => Assert.NotNull(lane.Segments));

        for (var i = 0; i < 20; i++)
        {
            // Each writer has run dry and waits for its channel: the record goes into the open segment, and its caller
            // must hand that over, or the record waits there until the next flush.
            Assert.True(SpinWait.SpinUntil(() => lanes.All(lane => lane.Segments!.WriterWaiting), Deadline), "an idle writer never waited");
            logger.LogInformation("r{I} sent", i);
            Assert.True(
                SpinWait.SpinUntil(() => receiver.Messages.Count == i + 1, Deadline),
                $"record {i} was not sent: [{string.Join(", ", receiver.Messages)}]");
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.EndsWith($" r{i} sent", receiver.Messages[i], StringComparison.Ordinal);
        }
    }
}
