namespace DocSnippets;

/// <summary>docs/json.md.</summary>
internal static class JsonSerialize
{
    public static void Run(LoguStyle.LoguStyleBuilder log)
    {
        log.AddFile("logs/app.json", serialize: true, enqueue: true);
    }
}
