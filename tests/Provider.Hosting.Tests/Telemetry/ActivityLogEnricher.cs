using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Enrichment;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// The enricher docs/telemetry.md shows: it carries the trace and span of the call as tags, which Microsoft's log
/// buffer keeps (it drops the record's own trace and span ids), so a buffered record is written with them.
/// </summary>
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
