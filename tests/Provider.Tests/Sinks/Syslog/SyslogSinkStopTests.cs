using System.Diagnostics;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// The host's stop (the provider's <c>ShutdownAsync</c>, what <c>StoppedAsync</c> runs) does not wait out the reconnect
/// back-off for a receiver that is away: one more attempt at once, and when it cannot connect, everything held is
/// counted as not written and the stop returns.
/// </summary>
public sealed class SyslogSinkStopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HostStop_ReceiverNeverThere_EndsAtOnceAndEveryRecordIsCounted()
    {
        var port = Loopback.FreeTcpPort();

        // The fake clock never moves: a stop that waited for the back-off (1 s on this clock) would wait for ever, bounded
        // only by the host's shutdown timeout (the token, on the wall clock).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        const int Logged = 3_000;
        LoguStyle.Sinks.Sink sink;
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Tcp, Port = port, AppName = "t", QueueCapacity = 100 } } },
            time,
            errors))
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < Logged; i++)
            {
                logger.LogInformation("{I}", i);
            }

            // The writer found nobody and waits 1 s on the fake clock before it tries again.
            await Loopback.WaitUntil(() => Text(stderr, errors).Contains("retrying in 1 s", StringComparison.Ordinal), Deadline);

            using var hostTimeout = new CancellationTokenSource(Deadline);
            var stop = Stopwatch.StartNew();
            await provider.ShutdownAsync(hostTimeout.Token).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(hostTimeout.IsCancellationRequested, $"the stop took the host's whole timeout ({stop.Elapsed})");
        }

        // Nothing written, and every record counted once: dropped by the full queue, or not written (the batch held,
        // the records the queue still had, given up at the stop). The queue's report of its drops, in the batch too, is
        // the sink's own line and no logged call: it is not counted as a record.
        Assert.Equal(0, sink.Stats.Written);
        Assert.Equal(Logged, sink.Stats.Dropped + sink.Errors.FailedRecords);
        Assert.True(sink.Errors.FailedRecords > 0);
        Assert.Contains($"cannot send to tcp://127.0.0.1:{port}: SocketException: Connection refused; gave up at the stop", Text(stderr, errors), StringComparison.Ordinal);

        // And stderr alone says so, as a reader adds it up: the drop lines' total and the last count of records not
        // written (a "could not write" line goes out once a minute, with the count of its moment; outside test of
        // issue 19: the records that failed after it, here all but one, were on no line: "(1 record(s) not written so far)").
        var text = Text(stderr, errors);
        var dropped = StderrLossLines.Dropped(text);
        var notWritten = StderrLossLines.NotWritten(text);
        Assert.True(dropped + notWritten == Logged, $"stderr: dropped {dropped} + not written {notWritten} != {Logged} logged:\n{text}");
    }

    private static string Text(StringWriter stderr, TextWriter errors)
    {
        lock (errors)
        {
            return stderr.ToString();
        }
    }
}
