using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>README.md, "Quick start".</summary>
internal static class ReadmeQuickStart
{
    public static void Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.ClearProviders().AddLoguStyle();   // Loguru's coloured console, or the sinks of appsettings.json
    }
}
