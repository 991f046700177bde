using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Enrichment;

namespace DocSnippets;

// docs/telemetry.md; the telemetry tests register it too (Telemetry/BufferedLoggerTests, ExtendedLoggerTests).
internal sealed class ActivityLogEnricher : ILogEnricher
{
    public void Enrich(IEnrichmentTagCollector collector)
    {
        if (Activity.Current is { } activity)
        {
            collector.Add("trace.id", activity.TraceId.ToHexString());
            collector.Add("span.id", activity.SpanId.ToHexString());
        }
    }
}
