using LoguStyle;

namespace DocSnippets;

/// <summary>docs/configuration.md, "Files".</summary>
internal static class ConfigurationFiles
{
    public static void Run(LoguStyleBuilder log)
    {
        log.AddFile("logs/app.log", rotation: "500 MB", retention: "10 days", compression: "gz");   // Loguru's one-liner
        log.AddFile("logs/app.log", rotation: Rotation.Any(Rotation.Daily(new TimeOnly(0, 0)), Rotation.Size(100_000_000)),
                    retention: Retention.Count(10), compression: Compression.Brotli);
        log.AddFile("logs/app.log", rotation: "100 MB", retention: Retention.Any("30 days", "1 GB"));   // in JSON: [ "30 days", "1 GB" ]
        log.AddFile("logs/app.log", rotation: Rotation.When(c => c.Size > 1_000_000 && c.Now.Hour == 3),
                    retention: Retention.Where(f => f.Length > 1_000_000_000));
    }
}
