using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.BootstrapApp;

/// <summary>
/// One scope store for the bootstrap logger and the host's loggers: scopes, Contextualize and Bind opened through one
/// side, records written through the other inside them. Each record's message says what it should carry.
/// </summary>
internal static class SharedScopes
{
    public static async Task RunAsync(BootstrapLogger log)
    {
        // Opened before the host exists and still open while its services log.
        using (log.BeginScope("Started by {Origin}", "bootstrap-scope"))
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
            builder.Logging.ClearProviders().AddLoguStyle();
            builder.Services.AddSingleton<Worker>();
            using var host = builder.Build();
            await host.StartAsync();
            var worker = host.Services.GetRequiredService<Worker>();

            worker.Logger.LogInformation("host in bootstrap scope");
            using (log.Contextualize("BootCtx", "bootstrap-ctx"))
            {
                worker.Logger.Bind("HostBound", "host-bind").LogInformation("host bound in bootstrap ctx");
            }

            using (worker.Logger.BeginScope(new Dictionary<string, object?> { ["HostScope"] = "host-scope" }))
            {
                log.LogInformation("bootstrap in host scope");
            }

            using (worker.Logger.Contextualize("HostCtx", "host-ctx"))
            {
                log.Bind("BootBound", "bootstrap-bind").LogInformation("bootstrap bound in host ctx");
            }

            // The host's loggers track the current Activity in their scopes (Host.CreateApplicationBuilder turns on
            // ActivityTrackingOptions TraceId, SpanId, ParentId), with a bootstrap logger as without one.
            using (var activity = new Activity("request").Start())
            {
                worker.Logger.LogInformation("host in activity {TraceIdOfActivity}", activity.TraceId.ToHexString());
            }

            await host.StopAsync();
        }

        log.LogInformation("bootstrap after scopes");
    }

    /// <summary>A service with an injected logger, as the application's own classes have.</summary>
    internal sealed class Worker(ILogger<Worker> logger)
    {
        public ILogger<Worker> Logger { get; } = logger;
    }
}
