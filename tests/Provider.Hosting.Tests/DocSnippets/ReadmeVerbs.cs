using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>README.md, "Loguru's verbs".</summary>
internal static class ReadmeVerbs
{
    public static void Run(ILogger logger, Microsoft.Extensions.Hosting.HostApplicationBuilder builder, string rid)
    {
        var userLog = logger.Bind("UserId", 42);                   // logger.bind(user_id=42)
        using (logger.Contextualize("RequestId", rid)) { Handle(); } // with logger.contextualize(request_id=rid):
        logger.Catch(() => Work());                                // @logger.catch
        builder.Logging.AddLoguStyle(log => log.Patch(Enrichers.MachineName)); // logger.patch(...)
        var records = LogFile.Read("logs/app.json");               // logger.parse(...), across rotated .gz files
    }

    private static void Handle()
    {
    }

    private static void Work()
    {
    }
}
