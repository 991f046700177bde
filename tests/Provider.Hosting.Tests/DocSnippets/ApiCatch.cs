using LoguStyle;

namespace DocSnippets;

/// <summary>docs/api.md, "Catch".</summary>
internal static class ApiCatch
{
    public static async Task Run(Microsoft.Extensions.Logging.ILogger logger, string tempPath, string path, HttpClient client, Uri url, HttpContent body)
    {
        logger.Catch(() => File.Delete(tempPath));
        var settings = logger.Catch(() => Settings.Load(path), defaultValue: Settings.Default);
        await logger.CatchAsync(() => client.PostAsync(url, body), reraise: true);
    }
}
