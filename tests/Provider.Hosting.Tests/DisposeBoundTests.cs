using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>Issue 14 item 8: in a host, the host's shutdown timeout bounds how long LoguStyle may drain at shutdown.</summary>
public class DisposeBoundTests
{
    [Fact]
    public async Task StopAndDispose_StuckEnqueuedSink_TakeNoLongerThanTheHostShutdownTimeout()
    {
        using var release = new ManualResetEventSlim();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Logging.AddLoguStyle(log => log.AddSink(_ => release.Wait(), sink => { sink.Name = "stuck"; sink.Enqueue = true; }));
        var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILogger<DisposeBoundTests>>();
        var queued = (Queue.QueuedSink)host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.Single();
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("r{I}", i);
        }

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
}
