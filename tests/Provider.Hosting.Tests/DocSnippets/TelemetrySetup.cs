using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/telemetry.md, "Setup".</summary>
internal static class TelemetrySetup
{
    public static void Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders()
            .AddLoguStyle(log => log.AddFile("logs/app.json", serialize: true))
            .AddGlobalBuffer(LogLevel.Information)                  // hold Information and below until a flush
            .EnableEnrichment(o => o.CaptureStackTraces = true)     // exception.* tags, enrichers
            .EnableRedaction();                                     // classified values through redactors
        builder.Services.AddProcessLogEnricher(o => o.ThreadId = true);   // thread.id
        builder.Services.AddLogEnricher<ActivityLogEnricher>();          // trace.id, span.id (below)
        builder.Services.AddRedaction(r => r.SetRedactor<ErasingRedactor>(new DataClassificationSet(new DataClassification("MyTaxonomy", "Private"))));
    }
}
