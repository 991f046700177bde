using Microsoft.AspNetCore.HttpLogging;

var builder = WebApplication.CreateBuilder(args);

// LoguStyle's sinks come from the Logging:LoguStyle section of appsettings.json; ClearProviders drops MEL's own
// console, so each record is printed once.
builder.Logging.ClearProviders().AddLoguStyle();

// One record per request: HTTP logging combines the request and the response into one record
// (category Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware) whose properties are Method, Path, StatusCode
// and Duration; appsettings.json turns ASP.NET Core's other per-request records down to warnings.
builder.Services.AddHttpLogging(http =>
{
    http.CombineLogs = true;
    http.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestProtocol
        | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
});
builder.Services.AddHealthChecks();

// Graceful shutdown: on SIGTERM or Ctrl+C, Kestrel lets the running requests finish, then LoguStyle drains its
// enqueued sinks and flushes the files, all within this time (30 s is .NET's default, written out to be seen).
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

var app = builder.Build();

app.UseHttpLogging();

app.MapGet("/orders/{id:int}", (int id, ILogger<Program> log) =>
{
    log.LogInformation("Order {OrderId} read", id);
    return Results.Ok(new { id, items = 3 });
});

// Takes as long as the caller asks (up to 2 s), to see that a request running at shutdown still gets its answer
// and its record.
app.MapPost("/orders/{id:int}", async (int id, int? delayMs, ILogger<Program> log) =>
{
    await Task.Delay(Math.Clamp(delayMs ?? 0, 0, 2_000));
    log.LogInformation("Order {OrderId} placed", id);
    return Results.Created($"/orders/{id}", new { id });
});

// Probes come every few seconds: no HTTP log record for them (the category filter of appsettings.json keeps
// ASP.NET Core's other records of a request, those of /health too, out of the sinks).
app.MapHealthChecks("/health").WithHttpLogging(HttpLoggingFields.None);

app.Run();

/// <summary>The entry point's class, public so WebApplicationFactory&lt;Program&gt; can start the app in tests.</summary>
public partial class Program;
