using LoguStyle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>README.md, "Logging from the first line of Main".</summary>
internal static class ReadmeBootstrap
{
    public static async Task<int> RunAsync(string[] args)
    {
        var log = LoguStyleBootstrap.CreateLogger(args);      // reads Logging:LoguStyle as the host will
        try
        {
            log.LogInformation("Starting");
            var builder = Host.CreateApplicationBuilder(args);
            builder.Logging.ClearProviders().AddLoguStyle();  // adopts the bootstrap logger: same sinks, same open files
            using var host = builder.Build();
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex)
        {
            log.LogCritical(ex, "The host terminated unexpectedly");
            return 1;
        }
        finally
        {
            await log.DisposeAsync();                         // drains, flushes and closes the files
        }
    }
}
