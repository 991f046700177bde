using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A host stop over a Syslog sink whose receiver accepts and never reads: the stop gives up on the records in the
/// sink's hands, which fail when its blocked send ends, after the provider's dispose has written its closing lines.
/// stderr alone must still add up to every record not written.
/// </summary>
public sealed class SyslogStuckStopLinesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly NeverReadingReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    /// <summary>
    /// Outside test (2026-12-05): 8 threads x 20,000 calls into a DropWrite Syslog sink whose receiver never reads, then
    /// the host's stop and dispose: the meter counted 2 records not written, stderr told 1 ("could not write a record ...
    /// (1 record(s) not written so far)" and no closing line): the second failed when the send the stop gave up on
    /// ended, after dispose had told what failed until then.
    /// </summary>
    /// <remarks>DropWrite, as in the outside test: its callers never wait, so every call has ended when the stop is over
    /// (a Wait caller logging after the stop waits for room until dispose, and is refused rather than dropped).</remarks>
    [Fact]
    public async Task HostStopOverAReceiverThatNeverReads_StderrAddsUpToEveryRecordNotWritten()
    {
        var port = _receiver.Port;
        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        const int Threads = 8;
        const int PerThread = 5_000;
        var padding = new string('x', 2 * 1024);
        LoguStyle.Sinks.Sink sink;
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new SyslogSinkOptions
                    {
                        Protocol = SyslogProtocol.Tcp, Port = port, AppName = "t", Format = "{message}",
                        QueueCapacity = 100, QueueFullMode = QueueFullMode.DropWrite, MaxMessageBytes = 16 * 1024,
                    },
                },
            },
            TimeProvider.System,
            errors);
        await using (provider)
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    logger.LogInformation("{T} {I} {Padding}", t, i, padding);
                }
            })).ToList();
            threads.ForEach(thread => thread.Start());

            // Stuck: the sink has written nothing for half a second while the threads log.
            await Loopback.WaitUntilQuiet(() => sink.Stats.Written, TimeSpan.FromMilliseconds(500), Deadline);

            // The host's stop with a short timeout: it gives up on the stuck queue and the send in the sink's hands.
            using (var hostTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            {
                await provider.ShutdownAsync(hostTimeout.Token).WaitAsync(Deadline);
            }

            threads.ForEach(thread => Assert.True(thread.Join(Deadline), "a logging thread did not end"));
        }

        // Every call is counted once the send the stop gave up on has ended (dispose closes its connection).
        const long Logged = Threads * PerThread;
        await Loopback.WaitUntil(() => sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords == Logged, Deadline);
        Assert.True(sink.Errors.FailedRecords + sink.Stats.Dropped > 0, "the stuck receiver lost nothing: the test did not stop a stuck sink");

        // stderr alone: the drop lines' total and the last count of records not written add up to every record not
        // written. The lines of a send that ends after dispose come when it ends: waited for, with a deadline.
        var notWrittenByMeter = Logged - sink.Stats.Written;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Told(Text(stderr, errors)) != notWrittenByMeter && waited.Elapsed < Deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(
            Told(Text(stderr, errors)) == notWrittenByMeter,
            $"stderr tells {Told(Text(stderr, errors))} records not written, the meter {notWrittenByMeter} (written {sink.Stats.Written}, dropped {sink.Stats.Dropped}, failed {sink.Errors.FailedRecords}):\n{Text(stderr, errors)}");
    }

    // What stderr says was not written, as a reader adds it up.
    private static long Told(string text) => StderrLossLines.Dropped(text) + StderrLossLines.NotWritten(text);

    private static string Text(StringWriter stderr, TextWriter errors)
    {
        lock (errors)
        {
            return stderr.ToString();
        }
    }
}
