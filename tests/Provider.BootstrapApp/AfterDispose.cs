using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// The bootstrap logger disposed, then a record through it (dropped) and a second host built with AddLoguStyle, which
/// has nothing left to adopt.
/// </summary>
internal static class AfterDispose
{
    public static async Task RunAsync(BootstrapLogger log)
    {
        log.LogInformation("bootstrap 1");
        await log.DisposeAsync();
        HandOver.Descriptors("closed");
        log.LogInformation("after dispose");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddLoguStyle();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Program.Host").LogInformation("second host");
            HandOver.Descriptors("second host");
            await host.StopAsync();
        }

        HandOver.Descriptors("second host disposed");
    }
}
