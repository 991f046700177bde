using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>README.md and docs/aspnetcore.md: one record per request, none for health probes.</summary>
internal static class AspNetCoreRecipe
{
    public static void Run(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders().AddLoguStyle();
        builder.Services.AddHttpLogging(http =>
        {
            http.CombineLogs = true;   // the request and its response in one record
            http.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestProtocol
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
        });
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.UseHttpLogging();
        app.MapHealthChecks("/health").WithHttpLogging(HttpLoggingFields.None);   // probes: no record
    }
}
