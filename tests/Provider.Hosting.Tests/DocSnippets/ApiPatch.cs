using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Patch".</summary>
internal static class ApiPatch
{
    public static void Run(Microsoft.Extensions.Hosting.HostApplicationBuilder builder)
    {
        builder.Logging.AddLoguStyle(log => log
            .Patch(Enrichers.MachineName)
            .Patch(Enrichers.AppVersion)
            .AddFile("logs/app.json", serialize: true));
    }
}
