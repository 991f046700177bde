using System.Globalization;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A process that ends without a dispose (<c>Environment.Exit</c>, an unhandled exception): its exit drain writes what
/// the queues hold, and each connection whose queue drained ends with close_notify, as a dispose ends it. Outside test
/// of issue 19: every such exit left its TLS sessions to the kernel, and rsyslogd logged <c>unexpected eof while
/// reading</c> and <c>closed due to error</c> for each (23 of 23 exits).
/// </summary>
public sealed partial class RsyslogTests
{
    [Theory]
    [InlineData("exit", 1)]
    [InlineData("exit", 2)]
    [InlineData("unhandled", 2)]
    public async Task Tls_ProcessEndsWithoutADispose_EveryRecordArrives_EachSessionEndsWithCloseNotify(string end, int connections)
    {
        const int PerThread = 2_000;
        using var receiver = await StartAsync(SyslogProtocol.Tls);
        await Loopback.WaitUntil(() => !receiver.HasOpenSessions(), Deadline);
        await LogOneAsync(receiver, "before");

        using (var process = RunningProcess.StartDotnet(
            RepositoryPaths.TestApp,
            ["syslog-exit", receiver.Port.ToString(CultureInfo.InvariantCulture), _tlsCa!, PerThread.ToString(CultureInfo.InvariantCulture), connections.ToString(CultureInfo.InvariantCulture), end],
            _folder.Path))
        {
            var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(end == "exit" ? code == 3 : code is not 0 and not 3, $"exit code {code}: {process.StandardError}");
            Assert.Equal([$"logged {2 * PerThread}"], process.Lines);
        }

        // Every record arrived once, in each thread's order; rsyslogd saw each session end and closed its side, so any
        // error about them is in its output before the marker's record, which goes through the same main queue.
        var received = await receiver.WaitForAsync(App, 1 + (2 * PerThread), Deadline);
        await Loopback.WaitUntil(() => !receiver.HasOpenSessions(), Deadline);
        await LogOneAsync(receiver, "marker");
        for (var thread = 0; thread < 2; thread++)
        {
            var prefix = $"exit {thread} ";
            Assert.Equal(
                [.. Enumerable.Range(0, PerThread).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))],
                received.Select(m => m.Msg).Where(m => m.StartsWith(prefix, StringComparison.Ordinal)));
        }

        var aboutTheSessions = receiver.OwnMessagesBetween(App, "before", "marker");
        Assert.True(
            !aboutTheSessions.Any(m => m.Msg.Contains("unexpected eof", StringComparison.OrdinalIgnoreCase) || m.Msg.Contains("closed due to error", StringComparison.Ordinal)),
            "rsyslogd: " + string.Join(" | ", aboutTheSessions.Select(m => m.Msg)));
    }

    // One record over a session of its own, disposed (which ends it with close_notify), and received.
    private async Task LogOneAsync(RsyslogReceiver receiver, string message)
    {
        var before = receiver.Received(App).Count;
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls, sink => sink.Format = "{message}") } }, TimeProvider.System, _errors))
        {
            provider.CreateLogger("c").LogInformation("{Message}", message);
        }

        await receiver.WaitForAsync(App, before + 1, Deadline);
    }
}
