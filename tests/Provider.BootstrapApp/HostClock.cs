using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// A host whose services hold a <see cref="TimeProvider"/> that says 2001 adopts the bootstrap logger; the host's loggers
/// and the bootstrap logger log while it runs and after it is disposed.
/// </summary>
internal static class HostClock
{
    public static readonly DateTimeOffset HostsTime = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);

    public static async Task RunAsync(BootstrapLogger log)
    {
        log.LogInformation("bootstrap before build");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddLoguStyle();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(HostsTime));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Program.Host").LogInformation("host record");
            log.LogInformation("bootstrap while the host runs");
            await host.StopAsync();
        }

        log.LogInformation("bootstrap after the host");
    }
}
