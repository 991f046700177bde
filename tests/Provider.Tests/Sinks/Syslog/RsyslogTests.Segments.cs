using System.Globalization;
using LoguStyle.Queue;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A syslog connection's callers format their messages into the queue's segments (RenderedSegments), which its writer
/// copies into the batch it sends: with queues so small that the callers wait for room at every few records and segments
/// go over part-full, every record still reaches rsyslogd once, in each thread's order, and the meter counts them.
/// </summary>
public sealed partial class RsyslogTests
{
    [Theory]
    [InlineData(SyslogProtocol.Tcp, 1, 1)]
    [InlineData(SyslogProtocol.Tcp, 7, 1)]
    [InlineData(SyslogProtocol.Tcp, RenderedSegment.MaxRecords + 1, 1)]
    [InlineData(SyslogProtocol.Tls, 7, 1)]
    [InlineData(SyslogProtocol.Tcp, 7, 2)]
    public async Task Stream_FourThreadsAtASmallQueueInWaitMode_EveryRecordOnceInOrderPerThread(SyslogProtocol protocol, int capacity, int connections)
    {
        const int PerThread = 3_000;
        using var receiver = await StartAsync(protocol);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Options(receiver, protocol, o => (o.QueueCapacity, o.QueueFullMode, o.Connections) = (capacity, QueueFullMode.Wait, connections)) } },
            TimeProvider.System,
            _errors))
        {
            var logger = provider.CreateLogger("c");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Factory.StartNew(
                () =>
                {
                    for (var i = 0; i < PerThread; i++)
                    {
                        logger.LogInformation("{T} {I}", t, i);
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));
            await provider.FlushAsync();
            Assert.Equal(4 * PerThread, provider.CurrentSinks[0].Stats.Written);
            Assert.Equal(0, provider.CurrentSinks[0].Stats.Dropped);
        }

        var received = await receiver.WaitForAsync(App, 4 * PerThread, Deadline);
        Assert.Equal(4 * PerThread, received.Count);
        foreach (var thread in received.Select(m => m.Params["logustyle@32473"]).GroupBy(p => p["T"]))
        {
            Assert.Equal(Enumerable.Range(0, PerThread), thread.Select(p => int.Parse(p["I"], CultureInfo.InvariantCulture)));
        }

        Assert.Equal(4, received.Select(m => m.Params["logustyle@32473"]["T"]).Distinct().Count());
        Assert.Equal(string.Empty, _stderr.ToString());
    }
}
