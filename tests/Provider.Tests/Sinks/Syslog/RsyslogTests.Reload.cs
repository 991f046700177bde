using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// Per-thread order across reloads at a real rsyslogd: the order a file sink keeps across generations (ReloadOrderTests)
/// for a Syslog sink, whose generations each opened a connection of their own, which rsyslogd read side by side.
/// </summary>
public sealed partial class RsyslogTests
{
    private const int ReloadThreads = 4;
    private const int SyslogReloads = 30;

    // Records each thread logs between two reloads.
    private const int RecordsPerSyslogGeneration = 200;

    [Theory]
    [InlineData(SyslogProtocol.Tcp)]
    [InlineData(SyslogProtocol.Tls)]
    [InlineData(SyslogProtocol.Local)]
    public async Task Reconfigure30Times_FourThreads_EveryRecordOnceInEachThreadsOrder(SyslogProtocol protocol)
    {
        using var receiver = protocol == SyslogProtocol.Local ? await RsyslogReceiver.StartLocalAsync(_folder.Path) : await StartAsync(protocol);
        var provider = new LoguStyleLoggerProvider(ReloadOptions(receiver, protocol, 0), TimeProvider.System, _errors);
        await using var producers = new NumberedProducers(provider.CreateLogger("order"), ReloadThreads);
        for (var reload = 1; reload <= SyslogReloads; reload++)
        {
            producers.WaitForEach(RecordsPerSyslogGeneration, Deadline);
            provider.Reconfigure(ReloadOptions(receiver, protocol, reload));
        }

        var logged = await producers.StopAsync(Deadline);
        await provider.DisposeAsync();

        var total = logged.Sum();
        var received = await receiver.WaitForAsync(App, total, Deadline);
        var (inversions, gaps, next) = ThreadOrder.Check(received.Select(m => m.Msg.Trim()), ReloadThreads);
        var missing = Enumerable.Range(0, ReloadThreads).Count(t => next[t] != logged[t]);
        Assert.Equal(
            $"{total} received, 0 inversions, 0 duplicates or gaps, 0 threads short",
            $"{received.Count} received, {inversions} inversions, {gaps} duplicates or gaps, {missing} threads short");
    }

    /// <summary>The same sink (name and receiver) in every generation, in Wait mode so that nothing is dropped; the capacity changes each time.</summary>
    private LoguStyleLoggerOptions ReloadOptions(RsyslogReceiver receiver, SyslogProtocol protocol, int generation) => new()
    {
        Sinks =
        {
            Options(receiver, protocol, o =>
            {
                o.Format = "{message}";
                o.QueueFullMode = QueueFullMode.Wait;
                o.QueueCapacity = generation % 2 == 0 ? 500 : 600;
                if (protocol == SyslogProtocol.Local)
                {
                    o.Host = receiver.SocketPath!;
                }
            }),
        },
    };
}
