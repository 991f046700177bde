using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A plain TCP send against a real listener whose connections the test reads, stops reading, or resets: the send
/// timeout, and the counts of a batch sent again after a failed send (review20, findings 1, 2 and 8). The sink's send
/// buffer is small (a test seam): on loopback the system's grows to megabytes, far more than a batch.
/// </summary>
public sealed partial class SyslogStreamSendTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // About 2 KB a record: a batch (64 KB) is some 33 of them, many times what the two small buffers hold.
    private static readonly string Pad = new('x', 2000);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _stderr = new();
    private readonly TextWriter _errors;
    private readonly int _port = Loopback.FreeTcpPort();
    private readonly BlockingCollection<Socket> _accepted = [];
    private readonly List<Socket> _connections = [];
    private TcpListener? _listener;

    public SyslogStreamSendTests() => _errors = TextWriter.Synchronized(_stderr);

    public void Dispose()
    {
        _listener?.Dispose();
        foreach (var socket in _connections.Concat(_accepted))
        {
            socket.Dispose();
        }

        _accepted.Dispose();
    }

    /// <summary>
    /// Finding 1: a receiver that stops reading without closing (a hung or SIGSTOPped rsyslogd) fails the send once the
    /// kernel has taken nothing for the send timeout, and the sink reconnects. With the non-blocking send waiting for
    /// room without a bound, the writer waited until the sink was disposed.
    /// </summary>
    [Fact]
    public async Task Tcp_ReceiverStopsReadingWithoutClosing_TheSendTimesOutAndTheSinkReconnects()
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        Listen();
        const int Logged = 300;
        var provider = Provider(timeout);
        try
        {
            var sink = provider.CurrentSinks[0];
            Log(provider, 0, Logged);
            var first = Take();
            var since = Stopwatch.StartNew();

            // Nothing is read: the buffers fill, the kernel takes no more, and the send fails the timeout after.
            await Loopback.WaitUntil(() => Retries() == 1, Deadline);
            Assert.True(since.Elapsed >= timeout, $"failed after {since.Elapsed}, before the timeout");
            Assert.Contains("Connection timed out", Text(), StringComparison.Ordinal);

            // The back-off (1 s on the provider's clock), then a new connection.
            Advance(TimeSpan.FromSeconds(1));
            Take();
            await provider.DisposeAsync();
            await AssertEveryRecordCountedOnce(sink, Logged);
            GC.KeepAlive(first);
        }
        finally
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>
    /// Finding 2: the first connection is reset in the middle of a batch, after the kernel took part of it; the batch is
    /// sent again whole over the next connection, which is never read, so that send takes less of it before the dispose
    /// ends it. Counting the first connection's part written at its failure, then the second's shorter part's rest as
    /// failed, counted the records between them twice.
    /// </summary>
    [Fact]
    public async Task Tcp_ResetMidBatch_RetryEndedByTheDispose_EveryRecordCountedOnce()
    {
        const int Logged = 100;
        var provider = Provider(TimeSpan.FromSeconds(30));
        try
        {
            var sink = provider.CurrentSinks[0];

            // Nobody listens yet: record 0 waits in the batch for the back-off, the others in the queue, so they go out in
            // full batches once the receiver is there.
            Log(provider, 0, 1);
            await Loopback.WaitUntil(() => Retries() == 1, Deadline);
            Log(provider, 1, Logged);
            Listen();
            Advance(TimeSpan.FromSeconds(1));
            using (var first = Take())
            {
                // Record 0's batch and some 20 KB of the next, then no more reading: the sender's kernel fills and the
                // send waits in the middle of that batch, some 30 KB in.
                var read = 0;
                var buffer = new byte[4096];
                while (read < 24_000)
                {
                    var got = await first.ReceiveAsync(buffer).WaitAsync(Deadline);
                    Assert.True(got > 0, $"the sink closed the first connection after {read} bytes");
                    read += got;
                }

                await WaitUntilQuiet(() => first.Available);

                // The warning is said once a minute on the provider's clock; a minute on, the reset's is said too. The
                // clock has moved before the reset (the advance runs on another thread: on a busy machine it came after
                // the sink saw the reset, and its warning was held back as said within the minute).
                var minuteOn = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
                Advance(TimeSpan.FromMinutes(1));
                await Loopback.WaitUntil(() => _time.GetUtcNow() >= minuteOn, Deadline);
                first.LingerState = new LingerOption(true, 0);
            }

            await Loopback.WaitUntil(() => Retries() == 2, Deadline);
            Advance(TimeSpan.FromSeconds(1));
            var second = Take();

            // The retry's send waits for room (nothing is read), having taken less of the batch than the first connection.
            await WaitUntilQuiet(() => second.Available);
            await provider.DisposeAsync();
            await AssertEveryRecordCountedOnce(sink, Logged);
            Assert.True(sink.Errors.FailedRecords > 0, Text());
        }
        finally
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>
    /// Finding 8: a send the exit gave up on that then fails for a reason of the receiver's (here a reset) says that
    /// reason after the give-up's words, rather than only "the time to send them ran out".
    /// </summary>
    [Fact]
    public async Task Tcp_GivenUpSendThenReset_TheLineKeepsTheCause()
    {
        Listen();
        var provider = Provider(TimeSpan.FromSeconds(30));
        try
        {
            var front = Assert.IsType<QueuedSink>(provider.CurrentSinks[0]);
            Log(provider, 0, 200);
            using (var connection = Take())
            {
                await WaitUntilQuiet(() => connection.Available);

                // The exit gives up on the queue; its writer is still in the send, which the reset then fails.
                await front.EndAtExitAsync(TimeSpan.Zero, TimeSpan.FromSeconds(1), "exiting").WaitAsync(Deadline);
                connection.LingerState = new LingerOption(true, 0);
            }

            await Loopback.WaitUntil(() => Text().Contains("gave up sending to", StringComparison.Ordinal), Deadline);
            // The reset fails the next send (ECONNRESET), or the one after it (EPIPE), whichever the writer makes first.
            Assert.Matches(
                $"gave up sending to tcp://127.0.0.1:{_port}: the time to send them ran out before the receiver took them; IOException: Unable to write data to the transport connection: (Connection reset by peer|Broken pipe)\\.",
                Text());
        }
        finally
        {
            await provider.DisposeAsync();
        }
    }

    // The record the writer held when the drain gave up is counted by its queue once the sink returned from the send,
    // which may be after the dispose returned: the sum is awaited up to the records logged, then must be exact.
    private async Task AssertEveryRecordCountedOnce(LoguStyle.Sinks.Sink sink, int logged)
    {
        long Sum() => sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords;
        await Loopback.WaitUntil(() => Sum() >= logged, Deadline);
        Assert.True(Sum() == logged, $"written {sink.Stats.Written} + dropped {sink.Stats.Dropped} + failed {sink.Errors.FailedRecords} != {logged}; stderr: {Text()}");
    }

    /// <summary>A provider with one Syslog sink to the listener: plain TCP, or TLS trusting <paramref name="tlsCa"/>.</summary>
    private LoguStyleLoggerProvider Provider(TimeSpan sendTimeout, string? tlsCa = null) => new(
        new LoguStyleLoggerOptions
        {
            DisposeTimeout = TimeSpan.FromSeconds(1),
            Sinks =
            {
                new SyslogSinkOptions
                {
                    Protocol = tlsCa is null ? SyslogProtocol.Tcp : SyslogProtocol.Tls,
                    CertificatePath = tlsCa,
                    Port = _port,
                    AppName = "t",
                    Format = "{message}",
                    QueueCapacity = 1000,
                    QueueFullMode = QueueFullMode.DropWrite,
                    SendTimeout = sendTimeout,
                    SendBufferBytes = 4096,
                },
            },
        },
        _time,
        _errors);

    // On a thread of its own: the fake clock runs the timer's callbacks on the advancing thread, and with them the
    // writer's continuation after the back-off, whose send can then wait on a connection that is never read.
    private void Advance(TimeSpan by) => _ = Task.Run(() => _time.Advance(by));

    private static void Log(LoguStyleLoggerProvider provider, int from, int to)
    {
        var logger = provider.CreateLogger("c");
        for (var i = from; i < to; i++)
        {
            logger.LogInformation("m {I} {Pad}", i, Pad);
        }
    }

    // A small receive buffer, which each accepted socket takes over: a connection not read holds few bytes.
    private void Listen()
    {
        _listener = new TcpListener(IPAddress.Loopback, _port);
        _listener.Server.ReceiveBufferSize = 2048;
        _listener.Start();
        _ = AcceptAsync(_listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                _accepted.Add(await listener.AcceptSocketAsync());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The test ended.
        }
    }

    private Socket Take()
    {
        Assert.True(_accepted.TryTake(out var socket, Deadline), "no connection before the deadline");
        _connections.Add(socket);
        return socket;
    }

    // The sender is blocked: what the connection holds unread has stopped changing.
    private static Task WaitUntilQuiet(Func<int> unread)
    {
        var last = -1;
        var unchanged = Stopwatch.StartNew();
        return Loopback.WaitUntil(
            () =>
            {
                var now = unread();
                if (now != last)
                {
                    last = now;
                    unchanged.Restart();
                }

                return now > 0 && unchanged.Elapsed > TimeSpan.FromMilliseconds(300);
            },
            Deadline);
    }

    private int Retries() => RetryLine().Count(Text());

    private string Text()
    {
        lock (_errors)
        {
            return _stderr.ToString();
        }
    }

    [GeneratedRegex("retrying in 1 s")]
    private static partial Regex RetryLine();
}
