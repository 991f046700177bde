using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// README's Program.cs up to <c>await host.RunAsync()</c>: a host whose service logs and stops it, so RunAsync returns
/// with the host disposed; then records through the bootstrap logger, and the crash the caller makes of it.
/// </summary>
internal static class AfterRun
{
    public static async Task RunAsync(BootstrapLogger log)
    {
        Records.Log(log, "bootstrap", 3);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders().AddLoguStyle();
        builder.Services.AddHostedService<LogsAndStops>();
        using var host = builder.Build();
        await host.RunAsync();

        // RunAsync disposed the host: from here on only the bootstrap logger writes, to the sinks the host gave it.
        Records.Log(log, "after", 3);
    }

    /// <summary>Logs through an injected logger, then asks the host to stop.</summary>
    private sealed class LogsAndStops(ILogger<LogsAndStops> logger, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            Records.Log(logger, "host", 3);
            lifetime.StopApplication();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
