using System.Diagnostics;
using System.Globalization;
using LoguStyle;

// Program.cs in the README's bootstrap shape, for a web app: the bootstrap logger from the first line, then the host's
// LoguStyle (which adopts it), Kestrel, and the catch/finally. A bad App:ShutdownTimeout throws in builder.Build() (the
// HostOptions delegate below runs when the host is made), which the catch logs.
var log = LoguStyleBootstrap.CreateLogger(args);
try
{
    for (var i = 1; i <= 3; i++)
    {
        log.LogInformation("bootstrap {Index}", i);
    }

    var builder = WebApplication.CreateBuilder(args);
    builder.Logging.ClearProviders().AddLoguStyle();
    builder.Services.Configure<HostOptions>(host =>
        host.ShutdownTimeout = TimeSpan.Parse(builder.Configuration["App:ShutdownTimeout"] ?? "00:00:10", CultureInfo.InvariantCulture));

    var app = builder.Build();
    log.LogInformation("host built");

    // The app's own last record, logged while the host stops (after the host's "Application is shutting down...").
    app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation("stopping: the app's last record"));

    // Logs through the host's logger and the bootstrap logger inside the request, and answers the ids the request saw.
    app.MapGet("/ids", (ILogger<Program> logger) =>
    {
        logger.LogInformation("request seen by {Logger}", "host");
        log.LogInformation("request seen by {Logger}", "bootstrap");
        var activity = Activity.Current;
        return Results.Ok(new { traceId = activity?.TraceId.ToHexString(), spanId = activity?.SpanId.ToHexString() });
    });

    await app.RunAsync();
    log.LogInformation("host stopped");
    return 0;
}
catch (Exception ex)
{
    log.LogCritical(ex, "The host terminated unexpectedly");
    return 1;
}
finally
{
    await log.DisposeAsync();
}
