using LoguStyle.Queue;
using LoguStyle.Sinks;
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

    [Fact]
    public async Task Tls_CaBundleReplacedAtTheSamePathThenReload_TheNewGenerationConnectsAfreshAndChecksTheServerAgainstIt()
    {
        // A reload done to rotate the trusted authorities (same CertificatePath, new contents) must not carry on over the
        // old generation's TLS session: here the new bundle trusts only another authority, so the receiver's
        // certificate no longer passes, nothing more arrives, and every record is counted.
        var certificates = TestCertificates.Create(_folder.Path);
        using var receiver = await RsyslogReceiver.StartTlsAsync(_folder.Path, certificates.CaFile, certificates.CertFile, certificates.KeyFile);
        var bundle = Path.Combine(_folder.Path, "trusted.pem");
        File.Copy(certificates.CaFile, bundle);
        LoguStyleLoggerOptions Trusting() => new()
        {
            Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Tls, Port = receiver.Port, AppName = App, CertificatePath = bundle } },
            DisposeTimeout = TimeSpan.FromSeconds(1),
        };

        const int After = 10;
        Sink rotated;
        await using (var provider = new LoguStyleLoggerProvider(Trusting(), TimeProvider.System, _errors))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("before");
            await provider.FlushAsync();
            await receiver.WaitForAsync(App, 1, Deadline);

            File.Copy(TestCertificates.Create(_folder.Path, "other").CaFile, bundle, overwrite: true);
            provider.Reconfigure(Trusting());
            rotated = provider.CurrentSinks[0];
            for (var i = 0; i < After; i++)
            {
                logger.LogInformation("after {I}", i);
            }
        }

        Assert.Equal(0, rotated.Stats.Written);
        Assert.Equal(After, rotated.Stats.Dropped + rotated.Errors.FailedRecords);
        Assert.Contains($"cannot send to tls://127.0.0.1:{receiver.Port}: AuthenticationException", StderrText(), StringComparison.Ordinal);

        // A marker over a connection that trusts the receiver: rsyslogd writes in order, so anything the rotated
        // generation sent would be in the file before it.
        await using (var marker = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls, o => o.CertificatePath = certificates.CaFile) } }, TimeProvider.System, _errors))
        {
            marker.CreateLogger("c").LogInformation("marker");
        }

        await receiver.WaitForAsync(App, 2, Deadline);
        Assert.Equal(["c - before", "c - marker"], receiver.Received(App).Select(m => m.Msg));
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
