using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;

namespace DocSnippets;

/// <summary>docs/shipping.md.</summary>
internal static class ShippingOpenTelemetry
{
    public static void Run(Microsoft.Extensions.Hosting.HostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders()
            .AddLoguStyle()
            .AddOpenTelemetry(o => { o.IncludeScopes = true; o.AddOtlpExporter(); });
    }
}
