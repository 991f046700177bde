using System.Net;
using System.Net.Sockets;
using System.Text;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>The reconnect wait runs on the provider's <see cref="TimeProvider"/>: a receiver that appears is used only once the wait is over.</summary>
public sealed class SyslogSinkReconnectTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The retry line says what the queue does meanwhile, by its mode: in Wait nothing is dropped (an outside test found
    /// the line saying "the queue drops records" in Wait mode, where calls wait instead).
    /// </summary>
    [Theory]
    [InlineData(QueueFullMode.Wait, 1, "logging calls wait for room while the queue is full")]
    [InlineData(QueueFullMode.DropWrite, 1, "the queue drops new records when it is full")]
    [InlineData(QueueFullMode.DropOldest, 1, "the queue drops its oldest records when it is full")]
    [InlineData(QueueFullMode.Wait, 2, "logging calls wait for room while the queue is full")]
    [InlineData(QueueFullMode.DropWrite, 2, "the queue drops new records when it is full")]
    public async Task Tcp_ReceiverAway_TheRetryLineSaysWhatTheQueueDoesMeanwhile(QueueFullMode mode, int connections, string expected)
    {
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Tcp, Port = Loopback.FreeTcpPort(), QueueFullMode = mode, Connections = connections } } },
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)),
            errors);
        provider.CreateLogger("c").LogInformation("held {N}", 1);
        await Loopback.WaitUntil(() => stderr.ToString().Contains("retrying in 1 s", StringComparison.Ordinal), Deadline);
        var line = stderr.ToString().Split('\n').First(l => l.Contains("retrying in 1 s", StringComparison.Ordinal));
        Assert.Contains($"({expected}).", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_ReceiverAppearsDuringTheWait_RecordSentOnlyAfterTheWaitOnTheTimeProvider()
    {
        var port = Loopback.FreeTcpPort();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Tcp, Port = port, AppName = "t" } } },
            time,
            errors);
        provider.CreateLogger("c").LogInformation("held {N}", 1);
        var flush = provider.FlushAsync();

        // The first attempt finds nobody and sets a wait of 1 s on the fake clock, which only the test moves.
        await Loopback.WaitUntil(() => stderr.ToString().Contains("retrying in 1 s", StringComparison.Ordinal), Deadline);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.False(flush.IsCompleted);
        Assert.False(listener.Pending());

        time.Advance(TimeSpan.FromSeconds(1));
        using var client = await listener.AcceptTcpClientAsync().WaitAsync(Deadline);
        await flush.WaitAsync(Deadline);

        var received = new StringBuilder();
        var buffer = new byte[4096];
        var stream = client.GetStream();
        while (!received.ToString().Contains("held 1", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Deadline);
            Assert.NotEqual(0, read);
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Matches(@"^\d+ <14>1 2026-11-24T09:00:00\.000000\+00:00 \S+ t \d+ - \[logustyle@32473 N=""1""\] c - held 1$", received.ToString());
    }
}
