using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15, outside test: a stuck enqueued sink in Wait mode whose queue is full, and that also takes the host's own
/// records, held the host's stop for good (the host's "Application is shutting down..." record waited for room that
/// never came). From the moment the host begins to stop, a logging call waiting for room in a queue whose writer, awake,
/// has taken no record for half the host's shutdown timeout leaves, its record dropped and counted; an idle writer is
/// not stuck (docs/configuration.md, Enqueue, Dispose).
/// </summary>
public class HostStopWaitModeTests : IDisposable
{
    private const int Capacity = 64;

    // What the slow sink hashes for each record.
    private static readonly byte[] SlowWork = new byte[256 * 1024];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <remarks>
    /// At Debug (outside test outside31, D1; the README's appsettings example sets the default level to Debug): an
    /// application's own <c>StopAsync</c> logs "Hosting stopping" before the host's lifetime fires
    /// <c>ApplicationStopping</c>, where the stop's rule started; that record waited for room in the stuck sink's full
    /// queue for good, and the stop never ended (47 s and 205 s in the outside runs, until SIGTERM). The rule now starts
    /// at that record, and the record reaches the sinks that are not stuck.
    /// </remarks>
    [Theory]
    [InlineData(LogLevel.Information)]
    [InlineData(LogLevel.Debug)]
    public async Task Stop_WaitModeSinkStuckWithAFullQueue_TakingTheHostsOwnRecords_EndsWithinTheShutdownTimeout(LogLevel hostLevel)
    {
        using var release = new ManualResetEventSlim();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.SetMinimumLevel(hostLevel);
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => file.Enqueue = true)
            .AddFile(_folder.File("app.json"), file => { file.Enqueue = true; file.Serialize = true; })
            .AddSink(_ => release.Wait(), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var (logger, stuck, _) = Sinks(host);

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
            Assert.Equal(hostLevel == LogLevel.Debug, File.ReadAllText(_folder.File("app.log")).Contains("Hosting stopping", StringComparison.Ordinal));
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

    /// <summary>
    /// Outside test outside31, D2: SIGTERM stops a host in two steps: its lifetime stops the application (the host logs
    /// "Application is shutting down..."), then the host's <c>StopAsync</c> starts its own clock. That record waited half
    /// the shutdown timeout for room in the stuck Wait-mode sink's full queue, and the flush then waited the host's whole
    /// timeout for the stuck sink: the stop took one and a half timeouts (7.5 s of a 5 s timeout outside, the host's
    /// logging at Trace: <c>StopAsync</c> logs "Hosting stopping" at Debug before it starts its clock, and that record
    /// waits too). Here the run stops as SIGTERM stops it (<c>StopApplication</c> on a running <c>RunAsync</c>), with a
    /// 4 s timeout: it ends in the timeout and a little, not 6 s; the healthy file got the host's stop record.
    /// </summary>
    [Theory]
    [InlineData(LogLevel.Information)]
    [InlineData(LogLevel.Debug)]
    public async Task Run_StoppedAsBySigterm_WaitModeSinkStuckWithAFullQueue_TheRunEndsWithinTheShutdownTimeout(LogLevel hostLevel)
    {
        using var release = new ManualResetEventSlim();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        builder.Logging.SetMinimumLevel(hostLevel);
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => file.Enqueue = true)
            .AddSink(_ => release.Wait(), Stuck));
        var host = builder.Build();
        var run = host.RunAsync();
        var (logger, stuck, _) = Sinks(host);
        using var logging = new LoggingThreads(logger, 4);
        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");

            var clock = Stopwatch.StartNew();
            host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
            var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run;
            Assert.True(ended, "the run did not end within 30 s of the stop (its shutdown timeout is 4 s)");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 5.2);
            Assert.True(logging.Stop(TimeSpan.FromSeconds(10)), "a logging thread was still asleep after the run");
            Assert.True(stuck.Stats.Dropped > 0, "nothing was counted as dropped");
            Assert.Contains("Application is shutting down...", File.ReadAllText(_folder.File("app.log")), StringComparison.Ordinal);
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }
    }

    /// <summary>
    /// Outside test outside32, defect 1: with the host's logging at Debug, <c>StopAsync</c> logs "Hosting stopping" before
    /// it starts its clock and "Hosting stopped" once the clock ran out, on the thread that runs the stop. A Wait-mode
    /// sink whose queue is full and whose writer makes progress, slowly (a receiver that reads a little now and then), is
    /// not stuck, so its callers wait for room: each of those records waited its turn among the logging threads, and the
    /// stop ran past its timeout (0.6-0.9 s past 2 s and 5 s outside, against rsyslogd). Once the stop began the host's
    /// own records wait for room 50 ms at most; the sink's record of them is dropped and counted.
    /// </summary>
    [Fact]
    public async Task Stop_WaitModeSinkSlowButMovingWithAFullQueue_HostLoggingAtDebug_EndsWithinTheShutdownTimeout()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.SetMinimumLevel(LogLevel.Debug);

        // A slow receiver: it takes a record every 300 ms until the test ends it, then every record at once.
        using var receiverEnds = new ManualResetEventSlim();
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => file.Enqueue = true)
            .AddSink(_ => receiverEnds.Wait(TimeSpan.FromMilliseconds(300)), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var (logger, slow, _) = Sinks(host);

        // Eight threads keep its queue full: a record of the host's waits its turn among them for room made every 300 ms.
        using var logging = new LoggingThreads(logger, 8);
        try
        {
            Assert.True(await TestHost.WaitUntil(() => slow.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the slow sink's queue never filled");

            var clock = Stopwatch.StartNew();
            await Task.Run(() => host.StopAsync()).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 2.4);
            Assert.True(slow.Stats.Written > 0, "the slow sink never wrote");
        }
        finally
        {
            receiverEnds.Set();
            _ = logging.Stop(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Outside test of issue 15 (outside16 #1): an application that registers its own <c>ApplicationStopping</c> callback
    /// once the host runs (a hosted service's StartAsync, the usual place) to stop its logging threads and join them. A
    /// token runs its callbacks last registered first, so that callback ran before LoguStyle's, waiting for threads
    /// asleep for room in a stuck Wait-mode queue that LoguStyle's, never started, was to let go: the stop took the
    /// join's whole wait (about 29 s in the outside run, a sink's send timeout), not the 1 s shutdown timeout; here 20 s,
    /// the join's bound. The stop's rule starts when the host's stop begins, whatever the order of the callbacks: the
    /// callback's own record and the threads it joins are let go.
    /// </summary>
    [Fact]
    public async Task Stop_AnApplicationStoppingCallbackRegisteredAfterStart_JoinsThreadsAsleepInAStuckQueue_TheStopStillEndsWithinTheShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => file.Enqueue = true)
            .AddSink(_ => release.Wait(), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var (logger, stuck, _) = Sinks(host);
        using var logging = new LoggingThreads(logger, 4);
        var joined = false;
        using var registration = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() =>
        {
            // Its own record first: it too waits for room in the stuck sink's full queue.
            logger.LogInformation("stopping the logging threads");
            joined = logging.Stop(TimeSpan.FromSeconds(20));
        });

        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");


            var clock = Stopwatch.StartNew();
            await Task.Run(() => host.StopAsync()).WaitAsync(TimeSpan.FromSeconds(40));
            Assert.True(joined, "the application's callback did not see its logging threads end");
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 3);
            Assert.True(stuck.Stats.Dropped > 0, "nothing was counted as dropped");
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

    /// <summary>
    /// Outside re-test 15d, defect 5: with callers asleep for room in a stuck Wait-mode sink, StopAsync's own records
    /// waited half the 2 s shutdown timeout before the host's flush began, and the loss report named what was left
    /// ("did not drain within 1 s"). It names the host's bound ("2 s"), as configuration.md says.
    /// </summary>
    [Fact]
    public async Task StopAsync_StuckWaitModeSinkWithWaitingCallers_TheLossReportNamesTheShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log.AddSink(_ => release.Wait(), Stuck));
        var host = builder.Build();
        await host.StartAsync();
        var (logger, stuck, _) = Sinks(host);
        using var logging = new LoggingThreads(logger, 4);
        try
        {
            Assert.True(await TestHost.WaitUntil(() => stuck.Counters.Queued >= Capacity, TimeSpan.FromSeconds(30)), "the stuck sink's queue never filled");
            await Task.Run(() => host.StopAsync()).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(logging.Stop(TimeSpan.FromSeconds(10)), "a logging thread was still asleep after the stop");
            await Task.Run(() => ((IAsyncDisposable)host).DisposeAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal("sink 'stuck' did not drain within 2 s;", System.Text.RegularExpressions.Regex.Match(output.ToString(), "sink 'stuck' did not drain within [^;]*;").Value);
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
            host.Dispose();
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
        var (logger, stuck, others) = Sinks(host);

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
            AssertEveryCallWritten(logging.Calls, Volatile.Read(ref slowRecords));
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

#if DEBUG
    /// <summary>
    /// Outside test of issue 15 (idle-sink-drops, defect (a)): healthy Wait-mode sinks beside a stuck one dropped 1-3
    /// records at the stop, in the moment the stuck sink let its callers go. Every caller had been held by the stuck sink,
    /// so the healthy writers had taken nothing for half the shutdown timeout, idle, and the stop's rule took that for
    /// stuck. Here a file, a JSON file and a delegate sink of capacity 1 come before the stuck one (their stop clocks start
    /// no later than its) and are idle from before the stop; when the flood wakes a writer, a Debug hook holds it before it
    /// reads until a caller has found its queue full and either dropped its record or gone to sleep for room: the rule
    /// alone decides which, the race with the waking writer does not.
    /// </summary>
    [Fact]
    public async Task Stop_IdleWaitModeSinksBesideAStuckOne_FloodedWhenItLetsItsCallersGo_LoseNothing()
    {
        const int threads = 4;
        using var release = new ManualResetEventSlim();
        var kept = 0L;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        // The host's own records would reach the idle sinks during the stop and move their writers: only the test's.
        builder.Logging.AddFilter("Microsoft", LogLevel.None);
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("app.log"), file => { Idle(file); file.Format = "{message}"; })
            .AddFile(_folder.File("app.json"), file => { Idle(file); file.Serialize = true; })
            .AddSink(record =>
            {
                if (record.Message.StartsWith("thread ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref kept);
                }
            }, sink => { Idle(sink); sink.Name = "kept"; })
            .AddSink(_ => release.Wait(), Stuck));
        using var host = builder.Build();
        await host.StartAsync();
        var (logger, stuck, idle) = Sinks(host);
        Assert.Equal(3, idle.Length);

        using var logging = new LoggingThreads(logger, threads);
        var held = new int[idle.Length];
        var heldInVain = 0;
        try
        {
            // Every thread asleep for room in the stuck sink's queue, every record before it taken: the others are idle.
            Assert.True(
                await TestHost.WaitUntil(() => stuck.CallersAsleepForRoom == threads && idle.All(sink => sink.Counters.Queued == 0), TimeSpan.FromSeconds(30)),
                "the threads never all waited for the stuck sink");
            for (var i = 0; i < idle.Length; i++)
            {
                var sink = idle[i];
                var index = i;
                sink.BeforeBatch = () =>
                {
                    // Woken by the flood (not by the stop's flush, which queues no record), once: held until the rule decided.
                    if (sink.Counters.Queued == 0 || Interlocked.Exchange(ref held[index], 1) != 0)
                    {
                        return;
                    }

                    if (!SpinWait.SpinUntil(() => sink.Stats.Dropped > 0 || sink.CallersAsleepForRoom > 0, TimeSpan.FromSeconds(30)))
                    {
                        Interlocked.Increment(ref heldInVain);
                    }
                };
            }

            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(stuck.Stats.Dropped > 0, "the stuck sink let no caller go");
            Assert.True(logging.Stop(TimeSpan.FromSeconds(10)), "a logging thread was still asleep after the stop");
            Assert.Equal([1, 1, 1], held);
            Assert.Equal(0, heldInVain);
            var dropped = string.Join(", ", idle.Select(sink => $"{sink.Name}: {sink.Stats.Dropped}"));
            Assert.True(idle.All(sink => sink.Stats.Dropped == 0), $"idle sinks dropped records at the stop ({dropped})");

            await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            AssertEveryCallWritten(logging.Calls, Volatile.Read(ref kept));
        }
        finally
        {
            _ = logging.Stop(TimeSpan.Zero);
            release.Set();
        }
    }

    // A healthy sink of the idle-sinks test: enqueued, Wait mode, room for one record.
    private static void Idle(SinkOptions sink)
    {
        sink.Enqueue = true;
        sink.QueueCapacity = 1;
        sink.QueueFullMode = QueueFullMode.Wait;
    }
#endif

    // The host's logger, its stuck sink and the others (every sink of these tests is enqueued).
    private static (ILogger Logger, Queue.QueuedSink Stuck, Queue.QueuedSink[] Others) Sinks(IHost host)
    {
        var sinks = host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Cast<Queue.QueuedSink>().ToArray();
        return (host.Services.GetRequiredService<ILogger<HostStopWaitModeTests>>(), sinks.Single(sink => sink.Name == "stuck"), [.. sinks.Where(sink => sink.Name != "stuck")]);
    }

    // Each call made is a line in app.log and one in app.json, and a record the delegate sink beside them counted.
    private void AssertEveryCallWritten(long made, long delegateRecords)
    {
        Assert.Equal(made, File.ReadLines(_folder.File("app.log")).LongCount(line => line.StartsWith("thread ", StringComparison.Ordinal)));
        Assert.Equal(made, File.ReadLines(_folder.File("app.json")).LongCount(line => line.Contains("\"thread ", StringComparison.Ordinal)));
        Assert.Equal(made, delegateRecords);
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
