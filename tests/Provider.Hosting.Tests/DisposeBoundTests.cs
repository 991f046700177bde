using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>Issue 14 item 8: in a host, the host's shutdown timeout bounds how long LoguStyle may drain at shutdown.</summary>
public class DisposeBoundTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StopAndDispose_StuckEnqueuedSink_TakeNoLongerThanTheHostShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        var (host, queued) = await StartWithAStuckSinkAsync(release, errors: null);
        var clock = Stopwatch.StartNew();
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var stopped = clock.Elapsed;
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        clock.Stop();
        release.Set();

        // Without a host the dispose bound alone is 5 s; here the host allows 1 s for everything.
        Assert.InRange(stopped.TotalSeconds, 0.9, 2.5);
        Assert.True(clock.Elapsed - stopped < TimeSpan.FromSeconds(1), $"dispose after the stop took {clock.Elapsed - stopped}");
        Assert.True(queued.Stats.Dropped >= 10, $"{queued.Stats.Dropped} counted as dropped");
    }

    /// <summary>
    /// A sink that writes a record after the host's stop began and is stuck after that (its writer was busy with earlier
    /// records when the stop began) is not stuck by the rule at the stop's deadline, which looks for sinks that handled
    /// nothing since the stop began: it keeps the host's token, and when that runs out it is given up on, so the dispose
    /// gives it no more time. Before, the stop went on as if it had flushed and the dispose gave it a whole bound more (seen
    /// in a loaded test run: 1 s more for a 1 s timeout, 2 s more for 2 s).
    /// </summary>
    [Fact]
    public async Task StopAndDispose_SinkStuckAfterWritingOnceSinceTheStopBegan_TakeNoLongerThanTheHostShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        var written = 0;
        Queue.QueuedSink? queued = null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.AddLoguStyle(log => log.AddSink(_ =>
        {
            // The first record is held until the provider noted the stop's beginning, then written; the sink is stuck
            // from the second on.
            if (Interlocked.Increment(ref written) == 1)
            {
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref queued)?.HandledNothingSinceHostStopBegan == true, TimeSpan.FromSeconds(30)), "the stop never began");
            }
            else
            {
                release.Wait();
            }
        }, sink => { sink.Name = "busy-then-stuck"; sink.Enqueue = true; }));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
        Volatile.Write(ref queued, (Queue.QueuedSink)host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Single());
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var stopped = clock.Elapsed;
            await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            clock.Stop();

            Assert.InRange(stopped.TotalSeconds, 0.9, 2.5);
            Assert.True(clock.Elapsed - stopped < TimeSpan.FromSeconds(0.5), $"dispose after the stop took {clock.Elapsed - stopped}");
            Assert.True(queued!.Stats.Written >= 1, "the sink never wrote its first record");
            Assert.True(queued.Stats.Dropped >= 8, $"{queued.Stats.Dropped} counted as dropped");
        }
        finally
        {
            release.Set();
        }
    }

    /// <summary>
    /// Outside test of issue 15 (low): a host disposed without StopAsync (a started host whose application threw before
    /// it stopped it) took the provider's own 5 s with a stuck sink, not the host's shutdown timeout that DisposeTimeout's
    /// documentation names for a host: 5,035-5,058 ms.
    /// </summary>
    [Fact]
    public async Task Dispose_WithoutStop_StuckEnqueuedSink_TakesTheHostShutdownTimeout_AndTheReportNamesIt()
    {
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var (host, queued) = await StartWithAStuckSinkAsync(release, TextWriter.Synchronized(output));
        var clock = Stopwatch.StartNew();
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var disposed = clock.Elapsed;
        release.Set();

        // The host's 1 s and 0.8 s for a loaded machine (it took the provider's 5 s before).
        Assert.True(disposed < TimeSpan.FromSeconds(1.8), $"dispose without a stop took {disposed.TotalMilliseconds:0} ms for a 1 s shutdown timeout");
        Assert.True(queued.Stats.Dropped >= 9, $"{queued.Stats.Dropped} counted as dropped");
        Assert.Matches("sink 'stuck' did not drain within 1 s; [0-9]+ queued record\\(s\\) were not written", output.ToString());
    }

    /// <summary>
    /// Found from outside: a sink that kept up at the host's stop and got stuck after it (a syslog receiver stopped while
    /// threads logged on) held the dispose after the stop for the provider's own 5 s: a SIGTERM with a 2 s shutdown
    /// timeout took 7.1 s, its report naming 5 s. After a stop, the dispose drains within the host's timeout (under 5 s).
    /// </summary>
    [Fact]
    public async Task StopThenDispose_ASinkStuckOnlyAfterTheStop_TheDisposeTakesTheHostShutdownTimeout_NotFiveSeconds()
    {
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var stuck = false;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log
            .AddSink(
                _ =>
                {
                    if (Volatile.Read(ref stuck))
                    {
                        release.Wait();
                    }
                },
                sink => { sink.Name = "later"; sink.Enqueue = true; })
            .AddFile(_folder.File("beside.log"), format: "{message}"));
        var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("before {I}", i);
        }

        // The sink keeps up: the stop drains it at once.
        var clock = Stopwatch.StartNew();
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(0.9), $"the stop took {clock.Elapsed}; the sink was to keep up");
        Volatile.Write(ref stuck, true);
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("after {I}", i);
        }

        clock.Restart();
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var disposed = clock.Elapsed;
        release.Set();

        // The host's 1 s and 0.8 s for a loaded machine (5 s before).
        Assert.True(disposed < TimeSpan.FromSeconds(1.8), $"the dispose after the stop took {disposed.TotalMilliseconds:0} ms for a 1 s shutdown timeout");
        Assert.Matches("sink 'later' did not drain within 1 s; [0-9]+ queued record\\(s\\) were not written", output.ToString());
        Assert.Equal(20, File.ReadAllLines(_folder.File("beside.log")).Count(line => line.StartsWith("before ", StringComparison.Ordinal) || line.StartsWith("after ", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Found from outside (inv28): with both syslog receivers stopped (SIGSTOP) after the host's stop, the dispose after a
    /// stop with a 1 s shutdown timeout took up to 2.6 s (SIGTERM to exit up to 4.3 s): each TCP and TLS connection's
    /// close waited 0.5 s for a FIN the stopped receiver never sends (StreamSyslogTransport.ReceiverEndWait), whatever was
    /// left of the dispose's bound, and blocked a pool thread meanwhile, so on a 2-core machine (2-3 pool threads) the 8
    /// connections' waits came mostly one after another. Here the receiver's kernel accepts the connections and takes the
    /// records, and the receiver never reads nor closes its side, as a stopped rsyslogd; the host allows 0.2 s, below one
    /// such wait, so the test does not depend on how many threads the pool has (this process's pool runs the 8 waits side
    /// by side: with a 1 s timeout it passed before the fix).
    /// </summary>
    [Fact]
    public async Task StopThenDispose_SyslogReceiverThatNeverClosesItsSide_TheConnectionsCloseWithinTheHostShutdownTimeout()
    {
        using var receiver = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        receiver.Start();
        var port = ((System.Net.IPEndPoint)receiver.LocalEndpoint).Port;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(0.2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, TextWriter.Null));
        builder.Logging.AddLoguStyle(log => log
            .AddSyslog(s => { s.Name = "tcp1"; s.Host = "127.0.0.1"; s.Port = port; s.Protocol = SyslogProtocol.Tcp; s.Connections = 4; })
            .AddSyslog(s => { s.Name = "tcp2"; s.Host = "127.0.0.1"; s.Port = port; s.Protocol = SyslogProtocol.Tcp; s.Connections = 4; }));
        var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();

        // Four threads: a thread's records go over one connection, so every connection of both sinks carries some (a few
        // records each, which the receiver's kernel takes without the receiver reading).
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                logger.LogInformation("t{T} r{I}", t, i);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        // Every connection sent its records and is idle: its close is a graceful one, which waits for the receiver's end.
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        await provider.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var sinks = provider.CurrentSinks.OfType<Queue.QueuedSink>().Select(sink => (Sinks.Syslog.SyslogConnections)sink.Inner).ToList();
        Assert.Equal(8, sinks.SelectMany(sink => sink.Lanes).Count(lane => ((Sinks.Syslog.SyslogSink)lane.Inner).Connected));
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var disposed = clock.Elapsed;

        // The host's 0.2 s and 0.25 s for a loaded machine (each close waited 0.5 s for the FIN before).
        Assert.True(disposed < TimeSpan.FromSeconds(0.45), $"the dispose after the stop took {disposed.TotalMilliseconds:0} ms for a 0.2 s shutdown timeout");
        // Every record (the test's 20 and the host's own) was taken by the receiver's kernel and counted written.
        Assert.All(sinks, sink => Assert.True(sink.Stats.Written >= 20 && sink.Stats.Dropped == 0 && sink.Errors.FailedRecords == 0, $"{sink.Stats.Written} written, {sink.Stats.Dropped} dropped, {sink.Errors.FailedRecords} failed"));
    }

    [Fact]
    public async Task Stop_StuckEnqueuedSinks_TheLossReportNamesTheHostShutdownTimeout()
    {
        // Outside test of issue 14, defect 4: the stop took the host's 2 s, but the report said "within 0 s".
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log
            .AddSink(_ => release.Wait(), sink => { sink.Name = "stuck1"; sink.Enqueue = true; })
            .AddSink(_ => release.Wait(), sink => { sink.Name = "stuck2"; sink.Enqueue = true; }));
        var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();

        // What is left of the 2 s once the other services stopped: 1.9 s or 2 s, never the 0 s dispose had left.
        var report = output.ToString();
        Assert.Matches("sink 'stuck1' did not drain within (1\\.9|2) s; [0-9]+ queued record\\(s\\) were not written", report);
        Assert.Matches("sink 'stuck2' did not drain within (1\\.9|2) s;", report);
    }

    /// <summary>
    /// Outside test of issue 15 (reload-while-stuck): a reload that replaced a stuck enqueued sink closed it within
    /// 5 s (the DisposeTimeout of a provider without a host), not the host's shutdown timeout, and the host's stop and
    /// dispose, right after, waited for that close: 4.8-5.2 s for a 2 s timeout, and stderr said "within 5 s".
    /// </summary>
    [Fact]
    public async Task Reload_ReplacingAStuckEnqueuedSink_ClosesItWithinTheHostShutdownTimeout_AndTheStopIsNotHeldPastIt()
    {
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var stuck = 0;
        var settings = _folder.File("appsettings.json");
        WriteSettings(settings, "{message}");
        using var files = new PhysicalFileProvider(_folder.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(files, "appsettings.json", optional: false, reloadOnChange: true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log.AddSink(_ =>
        {
            if (Volatile.Read(ref stuck) == 1)
            {
                release.Wait();
            }
        }, sink => sink.Name = "stuck"));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
            var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
            logger.LogInformation("before");
            Volatile.Write(ref stuck, 1);
            logger.LogInformation("stuck");

            // An edit: the provider replaces its sinks, and the old 'stuck' cannot drain.
            var before = provider.CurrentSinks;
            WriteSettings(settings, "{level} {message}");
            Assert.True(await TestHost.WaitUntil(() => !ReferenceEquals(provider.CurrentSinks, before), TimeSpan.FromSeconds(30)), "the edit was never applied");
            logger.LogInformation("after the edit");

            var clock = Stopwatch.StartNew();
            await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await ((IAsyncDisposable)host).DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            clock.Stop();

            // The reload's close had the host's 2 s, from before the stop began; stop and dispose no more than that.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.8), $"stop and dispose took {clock.Elapsed} (the shutdown timeout is 2 s)");
            var report = output.ToString();
            Assert.DoesNotContain("within 5 s", report, StringComparison.Ordinal);
            Assert.Matches("sink 'stuck' did not drain within 2 s;", report);
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }

    /// <summary>
    /// Outside test of issue 15 (consolepipe.sh: a direct console sink whose pipe reader is stopped): logging calls stuck
    /// in a direct sink held the dispose after the host's stop 5 s, not the host's shutdown timeout, and stderr said
    /// "still writing to the sinks being disposed after 5 s". A direct console sink (its output blocked) and a direct
    /// delegate sink.
    /// </summary>
    [Theory]
    [InlineData("console")]
    [InlineData("delegate")]
    public async Task StopAndDispose_LoggingCallStuckInADirectSink_EndWithinTheHostShutdownTimeout(string kind)
    {
        using var release = new ManualResetEventSlim();
        using var entered = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        using var console = new BlockingStream(entered, release);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));

        // The host's own stop records would wait for the stuck console's lock, before LoguStyle's stop rules apply (the
        // outside tester's app, too, kept Microsoft's records under Warning).
        builder.Logging.AddFilter("Microsoft", LogLevel.None);
        builder.Logging.AddLoguStyle(log =>
        {
            log.AddFile(_folder.File("app.log"), file => file.Format = "{message}");
            if (kind == "console")
            {
                log.AddConsole(sink => { sink.Name = "stuck"; sink.Format = "{message}"; sink.OutputOverride = console; });
            }
            else
            {
                log.AddSink(record =>
                {
                    if (record.Message == "block")
                    {
                        entered.Set();
                        release.Wait();
                    }
                }, sink => sink.Name = "stuck");
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
            logger.LogInformation("first");
            console.BlockFromNow();
            var blocked = new Thread(() => logger.LogInformation("block")) { IsBackground = true };
            blocked.Start();
            Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the call never reached the sink");

            var clock = Stopwatch.StartNew();
            await Task.Run(() => host.StopAsync()).WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Run(() => ((IAsyncDisposable)host).DisposeAsync().AsTask()).WaitAsync(TimeSpan.FromSeconds(30));
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.8), $"stop and dispose took {clock.Elapsed} (the shutdown timeout is 2 s)");
            Assert.Contains("logging calls were still writing to the sinks being disposed after 2 s;", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("first", File.ReadAllText(_folder.File("app.log")), StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }

    /// <summary>
    /// A started host with a 1 s shutdown timeout whose one sink, "stuck", is enqueued and blocks in its first record
    /// until <paramref name="release"/>; 10 records logged. Stderr goes to <paramref name="errors"/> when given.
    /// </summary>
    private static async Task<(IHost Host, Queue.QueuedSink Queued)> StartWithAStuckSinkAsync(ManualResetEventSlim release, TextWriter? errors)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        if (errors is not null)
        {
            builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        }

        builder.Logging.AddLoguStyle(log => log.AddSink(_ => release.Wait(), sink => { sink.Name = "stuck"; sink.Enqueue = true; }));
        var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
        var queued = (Queue.QueuedSink)host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Single();
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        return (host, queued);
    }

    private static void WriteSettings(string path, string format)
    {
        var json = $$"""
            {
              "Logging": {
                "LogLevel": { "Default": "Information", "Microsoft": "None" },
                "LoguStyle": {
                  "Sinks": {
                    "file": { "Type": "File", "Path": "{{Path.Combine(Path.GetDirectoryName(path)!, "file.log")}}", "Format": "{{format}}" },
                    "stuck": { "Enqueue": true, "QueueCapacity": 8, "QueueFullMode": "DropWrite" }
                  }
                }
              }
            }
            """;
        File.WriteAllText(path + ".tmp", json);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>A console's output whose writes block, once told to, until released (a pipe whose reader stopped).</summary>
    private sealed class BlockingStream(ManualResetEventSlim entered, ManualResetEventSlim release) : MemoryStream
    {
        private volatile bool _block;

        public void BlockFromNow() => _block = true;

        // The span overload of a MemoryStream subclass comes here too (through Stream's).
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_block)
            {
                entered.Set();
                release.Wait();
            }

            base.Write(buffer, offset, count);
        }
    }
}
