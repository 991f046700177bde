using System.Diagnostics;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>TLS sessions that end as soon as they began: the close_notify must still be the session's last word.</summary>
public sealed partial class RsyslogTests
{
    [Fact]
    public async Task Tls_DisposedRightAfterTheFirstRecord_SendsCloseNotifySoTheReceiverSeesACleanEnd()
    {
        // Connect, one record, dispose at once: the writer may still be connecting or in the handshake when the dispose
        // begins, and the close must wait for the handshake and the record's write before it sends close_notify
        // (rsyslog's OpenSSL driver logged "unexpected eof while reading" and "shutdown while in init" in a CI run).
        const int Sessions = 8;
        using var receiver = await StartAsync(SyslogProtocol.Tls);

        // The readiness probe's bare TCP connection ends in a failed handshake ("unexpected eof", "shutdown while in
        // init"): once rsyslogd closed it, those messages are in its queue before any record of the sessions below.
        await Loopback.WaitUntil(() => !receiver.HasOpenSessions(), Deadline);
        var disposing = new List<TimeSpan>();
        for (var i = 0; i < Sessions; i++)
        {
            var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls) } }, TimeProvider.System, _errors);
            provider.CreateLogger("c").LogInformation("session {I}", i);
            var elapsed = Stopwatch.StartNew();
            await provider.DisposeAsync();
            disposing.Add(elapsed.Elapsed);
        }

        // Every session's record arrived, and rsyslogd saw every session end and closed its side (so any error about
        // them was logged before the marker's record, which goes through the same main queue).
        await receiver.WaitForAsync(App, Sessions, Deadline);
        await Loopback.WaitUntil(() => !receiver.HasOpenSessions(), Deadline);
        await using (var marker = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls) } }, TimeProvider.System, _errors))
        {
            marker.CreateLogger("c").LogInformation("marker");
            await marker.FlushAsync();
            await receiver.WaitForAsync(App, Sessions + 1, Deadline);
        }

        Assert.Equal([.. Enumerable.Range(0, Sessions).Select(i => $"c - session {i}"), "c - marker"], receiver.Received(App).Select(m => m.Msg));
        var aboutTheSessions = receiver.OwnMessagesBetween(App, "session 0", "marker");
        Assert.True(!aboutTheSessions.Any(m => m.Msg.Contains("unexpected eof", StringComparison.OrdinalIgnoreCase) || m.Msg.Contains("closed due to error", StringComparison.Ordinal) || m.Msg.Contains("shutdown while in init", StringComparison.Ordinal)), "rsyslogd: " + string.Join(" | ", aboutTheSessions.Select(m => m.Msg)));
        Assert.Empty(StderrText());

        // Within the dispose's bound: the provider's drain, then at most the close_notify's second.
        Assert.All(disposing, d => Assert.True(d < TimeSpan.FromSeconds(5), $"a dispose took {d}"));
    }
}
