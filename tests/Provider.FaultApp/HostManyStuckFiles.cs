using LoguStyle.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>
/// Mode <c>host-many-stuck-files &lt;folder&gt; &lt;k&gt;</c>: a generic host (defaults on, shutdown timeout 2 s) with
/// k direct file sinks <c>stuck0</c>..., each taking only Critical records of its own category <c>Bg{i}</c>, ahead of a
/// healthy direct file <c>app.log</c> that takes everything. Each stuck sink is written once (its buffer is then dirty,
/// so its flush timer is armed), then armed, and a thread of its own logs a second record that blocks inside the
/// file's lock, as a write blocked in the kernel would. Then <c>StopAsync</c> and <c>Dispose</c>, each timed; prints
/// <c>stop N ms dispose M ms</c>. The host's own records never reach the stuck sinks (Information, not Critical): what
/// the stop waits on is only the sinks' flushes and whatever else the stuck writes hold. A fresh process's thread pool
/// starts with as many threads as cores, so a flush timer blocked on a stuck file's lock shows here (issue 15, D2).
/// </summary>
internal static class HostManyStuckFiles
{
    public static async Task<int> RunAsync(string folder, int stuckCount)
    {
        var stuck = Enumerable.Range(0, stuckCount).Select(_ => new StuckFileWrite()).ToList();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, Args = [] });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders().AddLoguStyle(log =>
        {
            for (var i = 0; i < stuckCount; i++)
            {
                var sink = stuck[i].Sink(Path.Combine(folder, $"stuck{i}.log"), $"stuck{i}");
                sink.Level = LogLevel.Critical;
                for (var other = 0; other < stuckCount; other++)
                {
                    if (other != i)
                    {
                        sink.Filter[$"Bg{other}"] = LogLevel.None;
                    }
                }

                log.AddSink(sink);
            }

            log.AddFile(Path.Combine(folder, "app.log"), file => file.Format = "{message}");
        });
        var host = builder.Build();
        await host.StartAsync();
        var factory = host.Services.GetRequiredService<ILoggerFactory>();
        var logger = factory.CreateLogger("FaultApp");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        var held = new List<Thread>();
        for (var i = 0; i < stuckCount; i++)
        {
            var own = factory.CreateLogger($"Bg{i}");
            own.LogCritical("written {Index}", i);
            stuck[i].Arm();
            var index = i;
            var thread = new Thread(() => own.LogCritical("held {Index}", index)) { IsBackground = true };
            thread.Start();
            held.Add(thread);
            stuck[i].WaitEntered(Timeout.InfiniteTimeSpan);
        }

        await HostStopTiming.StopThenDisposeAsync(host);
        foreach (var write in stuck)
        {
            write.Release();
        }

        held.ForEach(thread => thread.Join());
        stuck.ForEach(write => write.Dispose());
        return 0;
    }
}
