using LoguStyle;
using LoguStyle.Sinks;
using Microsoft.Extensions.Options;
using WorkerService;

var builder = Host.CreateApplicationBuilder(args);

// One line: LoguStyle's sinks come from the Logging:LoguStyle section of appsettings.json
// (without one you get Loguru's coloured console). ClearProviders drops MEL's own console,
// so each record is printed once.
builder.Logging.ClearProviders().AddLoguStyle();

builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection("Sample"));
builder.Services.AddHostedService<Worker>();

using var host = builder.Build();
var sinks = host.Services.GetRequiredService<IOptions<LoguStyleOptions>>().Value.Sinks;
await host.RunAsync();

// The host has stopped and LoguStyle has flushed: say where the output went.
Console.WriteLine();
Console.WriteLine("LoguStyle wrote this run's records to:");
foreach (var sink in sinks)
{
    var where = sink switch
    {
        ConsoleSinkOptions console => console.Stream == ConsoleOutput.Stderr ? "standard error" : "standard output",
        _ => sink.Kind,
    };
    Console.WriteLine($"  sink '{sink.Name}' ({sink.Kind}): {where}, level {sink.Level} and up");
}
