using System.Diagnostics;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink over the local socket whose daemon stopped reading (SIGSTOPped, or hung): the socket's queue of
/// datagrams fills and each writer waits for room in its send. Dispose and a host's stop still end within their bound.
/// </summary>
/// <remarks>
/// Found from outside: the writer waited in a blocking send, which the socket's close does not wake on a local datagram
/// socket, and the close waited for the send: a host given SIGTERM with a 2 s shutdown timeout was still running 23 s
/// later, until the daemon was killed; the provider's dispose after a stop took 20 s.
/// </remarks>
public sealed class LocalDaemonStoppedReadingTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    // What a dispose may take past its bound on a loaded two-core machine (configuration.md, Dispose, has the measurements).
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Bound and never read.
    private readonly DaemonSocket _daemon = new();

    public void Dispose() => _daemon.Dispose();

    [Theory]
    [InlineData(1, "dispose")]
    [InlineData(2, "dispose")]
    [InlineData(1, "host stop")]
    [InlineData(2, "host stop")]
    public async Task DaemonStoppedReading_TheEndTakesItsBound_AndEveryCallIsCounted(int connections, string end)
    {
        var stderr = new StringWriter();
        var options = new LoguStyleLoggerOptions
        {
            DisposeTimeout = Bound,
            Sinks = { _daemon.Sink(QueueFullMode.DropWrite, connections, queueCapacity: 100) },
        };
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(stderr));
        var sink = provider.CurrentSinks[0];
        var ended = Task.CompletedTask;
        try
        {
            // Until the queue drops: the socket is full and every writer waits for room in its send.
            var logger = provider.CreateLogger("c");
            var calls = 0L;
            var clock = Stopwatch.StartNew();
            while (sink.Stats.Dropped == 0 || calls < 5_000)
            {
                Assert.True(clock.Elapsed < Deadline, $"nothing dropped after {calls} calls: the socket never filled");
                logger.LogInformation("r{Call}", calls++);
            }

            var timer = Stopwatch.StartNew();
            ended = end == "dispose" ? provider.DisposeAsync().AsTask() : StopThenDispose(provider);
            await ended.WaitAsync(Deadline);
            Assert.True(timer.Elapsed < Bound + Slack, $"the {end} took {timer.Elapsed.TotalSeconds:0.00} s; its bound is {Bound.TotalSeconds} s");

            // Each writer, its send ended by the close, has settled what it held: the counts add up to the calls.
            await Loopback.WaitUntil(() => sink.Stats.Settled?.Invoke() ?? true, Deadline);
            var (written, dropped, failed) = (sink.Stats.Written, sink.Stats.Dropped, sink.Errors.FailedRecords);
            Assert.True(written + dropped + failed == calls, $"written {written} + dropped {dropped} + failed {failed} != {calls} calls; stderr: {stderr}");
        }
        finally
        {
            // Closed, the daemon's socket fails any send still blocked on it, so a dispose that did not end does now.
            _daemon.Socket.Dispose();
            if (!ended.IsCompleted)
            {
                await Task.WhenAny(ended, Task.Delay(Deadline));
            }

            await provider.DisposeAsync();
        }
    }

    // A host's stop with its shutdown timeout (the token), then the host's dispose of the provider.
    private static async Task StopThenDispose(LoguStyleLoggerProvider provider)
    {
        using var shutdownTimeout = new CancellationTokenSource(Bound);
        await provider.ShutdownAsync(shutdownTimeout.Token);
        await provider.DisposeAsync();
    }
}
