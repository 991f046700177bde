using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15, outside test: a stuck enqueued sink in Wait mode whose queue is full, and that also takes the host's own
/// records, held the host's stop for good (the host's "Application is shutting down..." record waited for room that
/// never came). From the moment the host begins to stop, a logging call waiting for room in a queue whose writer has
/// taken no record for half the host's shutdown timeout leaves, its record dropped and counted (docs/configuration.md,
/// Enqueue, Dispose).
/// </summary>
public class HostStopWaitModeTests : IDisposable
{
    private const int Capacity = 64;

    // What the slow sink hashes for each record.
    private static readonly byte[] SlowWork = new byte[256 * 1024];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_WaitModeSinkStuckWithAFullQueue_TakingTheHostsOwnRecords_EndsWithinTheShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => file.Enqueue = true)
            .AddFile(_folder.File("app.json"), file => { file.Enqueue = true; file.Serialize = true; })
            .AddSink(_ => release.Wait(), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<HostStopWaitModeTests>>();
        var stuck = (Queue.QueuedSink)host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Single(sink => sink.Name == "stuck");

        // Four threads log until the stop; each ends up asleep for room in the stuck sink's full queue.
        using var logging = new LoggingThreads(logger, 4);

        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");

            var clock = Stopwatch.StartNew();
            var stop = Task.Run(() => host.StopAsync());
            var stopped = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))) == stop;
            Assert.True(stopped, "the host's stop did not end within 20 s (its shutdown timeout is 1 s)");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 3);

            // The callers asleep for room were let go too: their records were dropped and counted, not held.
            Assert.True(logging.Stop(TimeSpan.FromSeconds(10)), "a logging thread was still asleep after the stop");
            Assert.True(stuck.Stats.Dropped > 0, "nothing was counted as dropped");

            // Once the stuck sink returns its writer ends, and every record accepted is accounted for exactly once.
            release.Set();
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            await stuck.Ended.WaitAsync(TimeSpan.FromSeconds(30));
            var counters = stuck.Counters;
            Assert.True(counters.Outstanding == 0, $"accepted {counters.Accepted}, written {counters.Written}, dropped {counters.Dropped}, refused {counters.Refused}");
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

    /// <summary>
    /// Outside test of issue 15: the stop's waiting bound let go the callers of every full Wait-mode queue, so enqueued
    /// file sinks beside the stuck one, full only because the callers it no longer held back now flooded them, dropped
    /// records whose calls had returned; and dispose, after the host's timeout ran out on the stuck sink, gave every sink
    /// no time. Only a queue whose writer makes no progress lets its callers go, and only the sink the host's timeout ran
    /// out on gets no time at dispose: the others (two files, a slow sink that keeps up) get every record.
    /// </summary>
    [Fact]
    public async Task Stop_StuckWaitModeSinkBesideEnqueuedSinks_FloodedAfterTheStuckOneLetsGo_TheyLoseNothing()
    {
        using var release = new ManualResetEventSlim();
        var slowRecords = 0L;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => { file.Enqueue = true; file.QueueCapacity = 256; file.Format = "{message}"; })
            .AddFile(_folder.File("app.json"), file => { file.Enqueue = true; file.QueueCapacity = 256; file.Serialize = true; })
            .AddSink(record =>
            {
                // A slow sink that keeps up: it hashes 256 KB a record (no clock involved).
                _ = System.Security.Cryptography.SHA256.HashData(SlowWork);
                if (record.Message.StartsWith("thread ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref slowRecords);
                }
            }, sink =>
            {
                sink.Name = "slow";
                sink.Enqueue = true;
                sink.QueueCapacity = 256;
                sink.QueueFullMode = QueueFullMode.Wait;
            })
            .AddSink(_ => release.Wait(), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<HostStopWaitModeTests>>();
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        var stuck = (Queue.QueuedSink)provider.CurrentSinks.Single(sink => sink.Name == "stuck");
        var others = provider.CurrentSinks.Where(sink => sink.Name != "stuck").Cast<Queue.QueuedSink>().ToArray();

        using var logging = new LoggingThreads(logger, 6);

        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");

            var clock = Stopwatch.StartNew();
            var stop = Task.Run(() => host.StopAsync());
            Assert.True(await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))) == stop, "the host's stop did not end within 20 s (its shutdown timeout is 2 s)");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 4);

            // The stuck sink's callers were let go (their records dropped, counted); the other sinks' were not.
            Assert.True(stuck.Stats.Dropped > 0, "the stuck sink counted nothing as dropped");
            var afterStop = logging.Calls;
            Assert.True(afterStop > 10 * Capacity, $"only {afterStop} calls were made: the callers were not let go");
            foreach (var other in others)
            {
                Assert.True(other.Stats.Dropped == 0, $"{other.Name} dropped {other.Stats.Dropped} records during the stop");
            }

            Assert.True(logging.Stop(TimeSpan.FromSeconds(10)), "a logging thread was still asleep after the stop");

            // The host's timeout ran out on the stuck sink's flush, not on the others': dispose still gives them their
            // time for what was logged after the stop (the slow sink needs a while for these).
            for (var i = 0; i < 300; i++)
            {
                logger.LogInformation("thread {Thread} record {Index}", -1, logging.Next());
            }

            await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

            // Every call made, stop or no stop, is a line in each file (beside the host's own records).
            var made = logging.Calls;
            Assert.Equal(made, File.ReadLines(_folder.File("app.log")).LongCount(line => line.StartsWith("thread ", StringComparison.Ordinal)));
            Assert.Equal(made, File.ReadLines(_folder.File("app.json")).LongCount(line => line.Contains("\"thread ", StringComparison.Ordinal)));
            Assert.Equal(made, Volatile.Read(ref slowRecords));
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

    /// <summary>Threads that log numbered records until stopped, counting their calls.</summary>
    private sealed class LoggingThreads : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread[] _threads;
        private long _calls;

        public LoggingThreads(ILogger logger, int count)
        {
            _threads = [.. Enumerable.Range(0, count).Select(t => new Thread(() =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    logger.LogInformation("thread {Thread} record {Index}", t, Next());
                }
            }) { IsBackground = true })];
            foreach (var thread in _threads)
            {
                thread.Start();
            }
        }

        /// <summary>The calls made so far.</summary>
        public long Calls => Volatile.Read(ref _calls);

        /// <summary>Counts one more call and returns its number.</summary>
        public long Next() => Interlocked.Increment(ref _calls);

        /// <summary>Stops the threads; true when each ended within <paramref name="timeout"/>.</summary>
        public bool Stop(TimeSpan timeout)
        {
            _stop.Cancel();
            return _threads.All(thread => thread.Join(timeout));
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    // The stuck sink of every test here: an enqueued Wait-mode delegate whose small queue fills while it waits.
    private static void Stuck(DelegateSinkOptions sink)
    {
        sink.Name = "stuck";
        sink.Enqueue = true;
        sink.QueueCapacity = Capacity;
        sink.QueueFullMode = QueueFullMode.Wait;
    }
}
