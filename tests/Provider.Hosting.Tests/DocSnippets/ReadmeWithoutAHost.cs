using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>README.md, "Without a host".</summary>
internal static class ReadmeWithoutAHost
{
    public static void Run()
    {
        using var factory = LoggerFactory.Create(b => b.AddLoguStyle(log => log.AddConsole()));
        factory.CreateLogger("App").LogInformation("Hello {Name}", "world");
        // disposing the factory drains and flushes every sink
    }
}
