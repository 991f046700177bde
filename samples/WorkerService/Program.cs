using LoguStyle;
using Microsoft.Extensions.Options;
using WorkerService;

// Logging from the first line: the bootstrap logger reads the Logging:LoguStyle section of appsettings.json as the host
// will, so a failure before or in builder.Build() reaches the same files. The host adopts it in AddLoguStyle().
var log = LoguStyleBootstrap.CreateLogger(args);
try
{
    log.LogInformation("Starting the worker");
    var builder = Host.CreateApplicationBuilder(args);

    // One line: LoguStyle's sinks come from the Logging:LoguStyle section of appsettings.json
    // (without one you get Loguru's coloured console). ClearProviders drops MEL's own console,
    // so each record is printed once.
    builder.Logging.ClearProviders().AddLoguStyle();

    builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection("Sample"));
    builder.Services.AddHostedService<Worker>();

    using var host = builder.Build();

    // IOptionsMonitor holds the options the sinks run with (a reload that applied replaces them); IOptions<T> would
    // build and validate a second copy.
    var options = host.Services.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>();
    await host.RunAsync();
    var sinks = options.CurrentValue.Sinks;

    // The host has stopped and LoguStyle has flushed: say where the output went.
    Console.WriteLine();
    Console.WriteLine("LoguStyle wrote this run's records to:");
    foreach (var sink in sinks)
    {
        var (kind, where) = sink switch
        {
            ConsoleSinkOptions console => ("Console", console.Stream == ConsoleOutput.Stderr ? "standard error" : "standard output"),
            FileSinkOptions file => ("File", FilesOf(file)),
            _ => ("Code", "your code"),
        };
        Console.WriteLine($"  sink '{sink.Name}' ({kind}): {where}, level {sink.Level} and up");
    }

    return 0;
}
catch (Exception ex)
{
    // Bad configuration, a service that cannot be built, a throw above: in the log files, not only on the console.
    log.LogCritical(ex, "The worker terminated unexpectedly");
    return 1;
}
finally
{
    // Drains, flushes and closes the sinks the host handed back.
    await log.DisposeAsync();
}

// The sink's active file and its rotated, compressed siblings, as they are on disk now.
static string FilesOf(FileSinkOptions file)
{
    var full = Path.GetFullPath(file.Path);
    var folder = Path.GetDirectoryName(full)!;
    var stem = Path.GetFileNameWithoutExtension(full);
    var files = Directory.Exists(folder)
        ? Directory.GetFiles(folder, stem + "*").Order(StringComparer.Ordinal).Select(f => "\n      " + Path.GetFileName(f) + $" ({new FileInfo(f).Length:N0} bytes)")
        : [];
    return $"{folder}{string.Concat(files)}";
}
