using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15, outside test: a stuck enqueued sink in Wait mode whose queue is full, and that also takes the host's own
/// records, held the host's stop for good (the host's "Application is shutting down..." record waited for room that
/// never came). From the moment the host begins to stop, logging calls wait for room at most half of the host's
/// shutdown timeout, as they do at dispose (docs/configuration.md, Enqueue, Dispose).
/// </summary>
public class HostStopWaitModeTests : IDisposable
{
    private const int Capacity = 64;

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
            .AddSink(_ => release.Wait(), sink =>
            {
                sink.Name = "stuck";
                sink.Enqueue = true;
                sink.QueueCapacity = Capacity;
                sink.QueueFullMode = QueueFullMode.Wait;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<HostStopWaitModeTests>>();
        var stuck = (Queue.QueuedSink)host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Single(sink => sink.Name == "stuck");

        // Four threads log until the stop; each ends up asleep for room in the stuck sink's full queue.
        using var stopLogging = new CancellationTokenSource();
        var calls = 0L;
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            while (!stopLogging.IsCancellationRequested)
            {
                logger.LogInformation("thread {Thread} record {Index}", t, Interlocked.Increment(ref calls));
            }
        }) { IsBackground = true }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");

            var clock = Stopwatch.StartNew();
            var stop = Task.Run(() => host.StopAsync());
            var stopped = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))) == stop;
            Assert.True(stopped, "the host's stop did not end within 20 s (its shutdown timeout is 1 s)");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 3);

            // The callers asleep for room were let go too: their records were dropped and counted, not held.
            stopLogging.Cancel();
            Assert.True(threads.All(thread => thread.Join(TimeSpan.FromSeconds(10))), "a logging thread was still asleep after the stop");
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
            stopLogging.Cancel();
            release.Set();
        }
    }
}
