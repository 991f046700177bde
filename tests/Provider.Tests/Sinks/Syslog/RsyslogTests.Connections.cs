using System.Globalization;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink with several connections (<see cref="SyslogSinkOptions.Connections"/>) at a real rsyslogd: each
/// record arrives once, each thread's records in order, a flush covers every connection, and reloads that change the
/// number of connections lose nothing.
/// </summary>
public sealed partial class RsyslogTests
{
    private const int Connections = 4;

    [Theory]
    [InlineData(SyslogProtocol.Tcp)]
    [InlineData(SyslogProtocol.Tls)]
    [InlineData(SyslogProtocol.Udp)]
    [InlineData(SyslogProtocol.Local)]
    public async Task FourConnections_FourThreads_EveryRecordOnceInOrderPerThread_TheFlushCoversAll(SyslogProtocol protocol)
    {
        using var receiver = protocol == SyslogProtocol.Local ? await RsyslogReceiver.StartLocalAsync(_folder.Path) : await StartAsync(protocol);

        // UDP in rounds of 10 records a thread, each waited for at the receiver (see Transport_FourThreads_...): what is
        // checked is the sink, not the kernel's socket buffer.
        var udp = protocol == SyslogProtocol.Udp;
        var perThread = udp ? 100 : 2_500;
        var perRound = udp ? 10 : perThread;
        // Small queues (25 records a connection): the connections' queues fill, and the front queue's writer waits there.
        var options = ConnectionsOptions(receiver, protocol, Connections, capacity: 100);
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } }, TimeProvider.System, _errors))
        {
            var logger = provider.CreateLogger("c");
            for (var round = 0; round < perThread / perRound; round++)
            {
                var first = round * perRound;

                // Each thread logs its first record while the other three live: four ids at once (the runtime gives an
                // ended thread's id to the next one), so four connections.
                using var together = new Barrier(4);
                var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
                {
                    for (var i = first; i < first + perRound; i++)
                    {
                        logger.LogInformation("{T} {I}", t, i);
                        if (i == first)
                        {
                            Assert.True(together.SignalAndWait(Deadline));
                        }
                    }
                })).ToList();
                threads.ForEach(thread => thread.Start());
                threads.ForEach(thread => thread.Join());
                if (udp)
                {
                    await provider.FlushAsync();
                    await receiver.WaitForAsync(App, 4 * (first + perRound), Deadline);
                }
            }

            // The flush returns once every connection has sent what was logged before it: the count is exact at once.
            await provider.FlushAsync();
            var sink = provider.CurrentSinks[0];
            var connections = Assert.IsType<SyslogConnections>(Assert.IsType<QueueInFrontOfLanes>(sink).Inner);

            // Four threads to four connections, each of which sent (for TCP and TLS, four sessions at rsyslogd); one
            // assertion, so that a failure shows every figure.
            var stream = protocol is SyslogProtocol.Tcp or SyslogProtocol.Tls;
            Assert.Equal(
                $"written {4 * perThread}, dropped 0, failed 0, {Connections} of {Connections} connected, {(stream ? Connections : 0)} sessions",
                $"written {sink.Stats.Written}, dropped {sink.Stats.Dropped}, failed {sink.Errors.FailedRecords}, {Enumerable.Range(0, connections.Count).Count(i => connections.Connection(i).Connected)} of {connections.Count} connected, {(stream ? receiver.EstablishedSessions() : 0)} sessions");
        }

        var received = await receiver.WaitForAsync(App, 4 * perThread, Deadline);
        var (inversions, gaps, next) = ThreadOrder.Check(received.Select(m => m.Msg.Trim()), 4);
        Assert.Equal(
            $"{4 * perThread} received, 0 inversions, 0 duplicates or gaps, threads at {perThread},{perThread},{perThread},{perThread}",
            $"{received.Count} received, {inversions} inversions, {gaps} duplicates or gaps, threads at {string.Join(',', next)}");
    }

    [Theory]
    [InlineData(SyslogProtocol.Tcp)]
    [InlineData(SyslogProtocol.Tls)]
    [InlineData(SyslogProtocol.Local)]
    public async Task ReloadFourThenOneThenThreeConnections_FourThreads_NothingLostNothingTwice(SyslogProtocol protocol)
    {
        using var receiver = protocol == SyslogProtocol.Local ? await RsyslogReceiver.StartLocalAsync(_folder.Path) : await StartAsync(protocol);
        int[] counts = [4, 1, 3, 4, 1, 3];
        LoguStyleLoggerOptions Generation(int connections) => new() { Sinks = { ConnectionsOptions(receiver, protocol, connections, capacity: 500) } };

        var provider = new LoguStyleLoggerProvider(Generation(counts[0]), TimeProvider.System, _errors);
        var generations = new List<Sink> { provider.CurrentSinks[0] };
        await using var producers = new NumberedProducers(provider.CreateLogger("order"), ReloadThreads);
        foreach (var count in counts.Skip(1))
        {
            producers.WaitForEach(RecordsPerSyslogGeneration, Deadline);
            provider.Reconfigure(Generation(count));
            generations.Add(provider.CurrentSinks[0]);
        }

        var logged = await producers.StopAsync(Deadline);
        await provider.DisposeAsync();

        // Every generation's counts: all written, none dropped or failed.
        var total = logged.Sum();
        Assert.Equal((total, 0L, 0L), (generations.Sum(g => g.Stats.Written), generations.Sum(g => g.Stats.Dropped), generations.Sum(g => g.Errors.FailedRecords)));

        // Each thread's numbers, each once: a change of Connections may move a thread to another connection, which
        // rsyslogd reads beside the old one (order across such a reload is not promised), but nothing is lost or doubled.
        var received = await receiver.WaitForAsync(App, total, Deadline);
        var numbers = received.Select(m => m.Msg.Trim().Split(' ')).Select(f => (T: int.Parse(f[0], CultureInfo.InvariantCulture), I: int.Parse(f[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(total, numbers.Count);
        foreach (var thread in Enumerable.Range(0, ReloadThreads))
        {
            Assert.Equal(Enumerable.Range(0, logged[thread]), numbers.Where(n => n.T == thread).Select(n => n.I).Order());
        }
    }

    /// <summary>A sink of <paramref name="connections"/> connections in Wait mode (nothing dropped), MSG "T I".</summary>
    private SyslogSinkOptions ConnectionsOptions(RsyslogReceiver receiver, SyslogProtocol protocol, int connections, int capacity) =>
        Options(receiver, protocol, o =>
        {
            o.Connections = connections;
            o.Format = "{message}";
            o.QueueFullMode = QueueFullMode.Wait;
            o.QueueCapacity = capacity;
            if (protocol == SyslogProtocol.Local)
            {
                o.Host = receiver.SocketPath!;
            }
        });
}
