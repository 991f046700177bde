using LoguStyle.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>
/// Mode <c>host-stuck-file &lt;folder&gt;</c>: a generic host (defaults on, shutdown timeout 2 s) with a direct file sink
/// "stuck" whose write never returns once armed, holding the file's lock (its rotation predicate blocks, as a write
/// blocked in the kernel would), before a direct file <c>app.log</c>. Four threads log into it: one blocks inside the
/// stuck write, three wait for the file's lock behind it. Then <c>StopAsync</c> and <c>Dispose</c>, each timed; prints
/// <c>stop N ms dispose M ms</c>. A fresh process's thread pool starts with as many threads as cores, so flushes and
/// closes that block on pool threads show here as a slow dispose (a test host's pool is already grown).
/// </summary>
internal static class HostStuckFile
{
    public static async Task<int> RunAsync(string folder)
    {
        using var stuck = new StuckFileWrite();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, Args = [] });
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Logging.ClearProviders().AddLoguStyle(log => log
            .AddSink(stuck.Sink(Path.Combine(folder, "stuck.log"), "stuck"))
            .AddFile(Path.Combine(folder, "app.log"), file => file.Format = "{message}"));
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FaultApp");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        stuck.Arm();
        var held = Enumerable.Range(0, 4).Select(i => new Thread(() => logger.LogInformation("held {Index}", i)) { IsBackground = true }).ToList();
        held[0].Start();
        stuck.WaitEntered(Timeout.InfiniteTimeSpan);
        held.Skip(1).ToList().ForEach(thread => thread.Start());

        await HostStopTiming.StopThenDisposeAsync(host);
        stuck.Release();
        held.ForEach(thread => thread.Join());
        return 0;
    }
}
