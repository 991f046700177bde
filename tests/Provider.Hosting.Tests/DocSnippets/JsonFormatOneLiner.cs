using LoguStyle;

namespace DocSnippets;

/// <summary>docs/json.md, Formats: the JSON format on the file sink's one-liner.</summary>
internal static class JsonFormatOneLiner
{
    public static void Run(LoguStyleBuilder log)
    {
        log.AddFile("logs/app.clef", serialize: true, jsonFormat: JsonFormat.Clef);
    }
}
