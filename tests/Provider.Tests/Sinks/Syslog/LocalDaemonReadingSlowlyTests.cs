using LoguStyle.Testing;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink over the local socket to a daemon that reads one datagram at a time, far slower than it is sent: the
/// socket holds a few datagrams (net.unix.max_dgram_qlen, 10 by default) and the writer's send waits for room after
/// each. The meter's written count follows what the daemon can read, datagram by datagram, not batch by batch.
/// </summary>
public sealed class LocalDaemonReadingSlowlyTests : IDisposable
{
    private const int Records = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    // Read only by the test, one datagram at a time.
    private readonly DaemonSocket _daemon = new();

    public void Dispose() => _daemon.Dispose();

    [Fact]
    public async Task DaemonReadsOneAtATime_WrittenCountsEveryDatagramItCanRead()
    {
        // A name of its own: the meter's series are per sink name, and other tests' providers have sinks named "syslog".
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { _daemon.Sink(QueueFullMode.Wait, name: "reading-slowly") } });
        using var meter = new SinkMeter();
        var sink = provider.CurrentSinks[0].Name;
        long Written() => meter.Read("logustyle.records.written", sink);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < Records; i++)
        {
            logger.LogInformation("r{Call}", i);
        }

        // Every datagram the daemon reads was taken by the kernel, so it is written by then: the count reaches it while
        // the rest of the writer's batch still waits for room (before, the batch was counted only once all of it was sent).
        var buffer = new byte[4096];
        for (var received = 1; received <= Records; received++)
        {
            var length = await _daemon.Socket.ReceiveAsync(buffer).WaitAsync(Deadline);
            Assert.EndsWith($"r{received - 1}", System.Text.Encoding.UTF8.GetString(buffer, 0, length), StringComparison.Ordinal);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Written() < received)
            {
                Assert.True(clock.Elapsed < Deadline, $"the daemon read {received} datagrams; written counts {Written()} after {Deadline.TotalSeconds} s");
                await Task.Delay(10);
            }
        }

        Assert.Equal(Records, Written());
    }
}
