using System.IO.Compression;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The host's flush gives up, once the stop is a whole shutdown timeout old, on the sinks that handled no record since
/// it began (stuck: the host's stop records held them half the timeout before <c>StopAsync</c> started its clock). An
/// application whose stop begins long before <c>StopAsync</c> (its own work after <c>StopApplication</c>, longer than
/// the timeout) reaches the flush past that moment with every sink healthy and idle: a flush just started is not done
/// yet, and a healthy idle sink has handled nothing since the stop began, so it must not be taken for stuck (it would
/// get no rotation, and no time at dispose). Every flush has a grace from its start before that rule looks.
/// </summary>
public sealed class HostStopAfterLongStoppingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_LongAfterTheStopBegan_HealthyIdleFilesAreFlushedAndRotated_NotTakenForStuck()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));

        // No host records during the stop: the sinks handle nothing once it began.
        builder.Logging.AddFilter("Microsoft", LogLevel.None);
        builder.Logging.AddLoguStyle(log => log
            .AddFile(_folder.File("direct.log"), file => { file.Format = "{message}"; file.Compression = "gz"; file.RotateOnShutdown = true; })
            .AddFile(_folder.File("queued.log"), file => { file.Format = "{message}"; file.Compression = "gz"; file.RotateOnShutdown = true; file.Enqueue = true; }));
        using var host = builder.Build();
        await host.StartAsync();
        host.Services.GetRequiredService<ILogger<HostStopAfterLongStoppingTests>>().LogInformation("last words");

        // Written into the files (the queue's writer took it), not flushed: the host's flush still has work to do.
        Assert.True(await TestHost.WaitUntil(() => host.Services.GetRequiredService<LoguStyleLoggerProvider>().CurrentSinks.All(sink => sink.Stats.Written == 1), TimeSpan.FromSeconds(30)), "a sink never took the record");

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // The application's own work between the stop's beginning and its StopAsync, outlasting the shutdown timeout.
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        Assert.True(await TestHost.WaitUntil(() => provider.HostStopOutlivedItsTimeout, TimeSpan.FromSeconds(30)), "the stop never became older than its timeout");
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var name in new[] { "direct", "queued" })
        {
            var archive = Assert.Single(Directory.GetFiles(_folder.Path, $"{name}*.gz"));
            Assert.Equal(["last words"], Lines(archive));
        }
    }

    private static List<string> Lines(string archive)
    {
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
