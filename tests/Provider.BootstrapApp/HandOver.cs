using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// The hand-over under load: threads log through the bootstrap logger without pause while the host is built (its
/// AddLoguStyle adopts the bootstrap logger), started, stopped and disposed, and for a while after.
/// </summary>
internal static class HandOver
{
    private const int Threads = 2;

    public static async Task RunAsync(BootstrapLogger log, string? hostFile)
    {
        var counts = new int[Threads];
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var logger = log.CreateLogger("Load");
            while (!stop.IsCancellationRequested)
            {
                logger.LogInformation("t{Thread} {Index}", t.ToString(CultureInfo.InvariantCulture), counts[t].ToString(CultureInfo.InvariantCulture));
                Volatile.Write(ref counts[t], counts[t] + 1);
            }
        })).ToList();
        writers.ForEach(writer => writer.Start());
        await WhileLogging(counts);
        Descriptors("bootstrap");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddLoguStyle(sinks =>
        {
            if (hostFile is not null)
            {
                sinks.AddFile(hostFile, file => { file.Name = "host"; file.Serialize = true; });
            }
        });
        using (var host = builder.Build())
        {
            await WhileLogging(counts);
            Descriptors("built");
            await host.StartAsync();
            host.Services.GetRequiredService<ILogger<Program>>().LogInformation("host started");
            await WhileLogging(counts);
            Descriptors("started");
            await host.StopAsync();
        }

        // The host is disposed; the bootstrap logger keeps writing to the sinks the host gave it.
        await WhileLogging(counts);
        Descriptors("disposed");
        await stop.CancelAsync();
        writers.ForEach(writer => writer.Join());
        for (var t = 0; t < Threads; t++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged t{t}={counts[t]}"));
        }
    }

    /// <summary>Returns once every thread logged another 500 records: the step before and the step after overlap logging.</summary>
    private static async Task WhileLogging(int[] counts)
    {
        var start = counts.Select(count => Volatile.Read(ref count)).ToArray();
        while (counts.Select((count, t) => Volatile.Read(ref counts[t]) - start[t]).Any(more => more < 500))
        {
            await Task.Delay(5);
        }
    }

    /// <summary>Prints how many descriptors of this process are open on app.log: one file object means one.</summary>
    public static void Descriptors(string step)
    {
        var target = Path.GetFullPath("app.log");
        var open = Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget == target;
            }
            catch (IOException)
            {
                return false;
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fds {step}={open}"));
    }
}
