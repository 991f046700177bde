using System.Collections.Concurrent;
using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Patch": an enricher that keeps a copy of each record's properties.</summary>
internal static class ApiPatchKeep
{
    public static ConcurrentQueue<KeyValuePair<string, object?>[]> Run(Microsoft.Extensions.Hosting.HostApplicationBuilder builder)
    {
        // A copy of each record's properties: record.Properties itself is refilled for the next call.
        var kept = new ConcurrentQueue<KeyValuePair<string, object?>[]>();
        builder.Logging.AddLoguStyle(log => log
            .Patch(record => kept.Enqueue([.. record.Properties]))
            .AddFile("logs/app.log"));
        return kept;
    }
}
