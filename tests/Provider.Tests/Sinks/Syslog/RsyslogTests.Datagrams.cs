using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>Datagrams in batches (sendmmsg on Linux) to the real daemon's local socket, which makes the sender wait rather than lose.</summary>
public sealed partial class RsyslogTests
{
    [Fact]
    public async Task Local_FourThreadsInWaitMode_EveryRecordOnceInOrderPerThread()
    {
        // Enough records that batches of hundreds go out while rsyslogd's socket queue fills and the sender waits on it.
        const int PerThread = 5_000;
        using var receiver = await RsyslogReceiver.StartLocalAsync(_folder.Path);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Local, o => (o.Host, o.QueueFullMode) = (receiver.SocketPath!, QueueFullMode.Wait)) } },
            TimeProvider.System,
            _errors))
        {
            var logger = provider.CreateLogger("c");
            await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    logger.LogInformation("{T} {I}", t, i);
                }
            })));
            await provider.FlushAsync();
            Assert.Equal(4 * PerThread, provider.CurrentSinks[0].Stats.Written);
            Assert.Equal(0, provider.CurrentSinks[0].Stats.Dropped);
        }

        // RFC 3164's MSG is "category - message": "c - T I".
        var received = await receiver.WaitForAsync(App, 4 * PerThread, Deadline);
        Assert.Equal(4 * PerThread, received.Count);
        var records = received.Select(m => m.Msg.Trim().Split(' ')).Select(f => (T: f[2], I: int.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        foreach (var thread in records.GroupBy(r => r.T))
        {
            Assert.Equal(Enumerable.Range(0, PerThread), thread.Select(r => r.I));
        }

        Assert.Equal(4, records.Select(r => r.T).Distinct().Count());
    }
}
