using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Display;

namespace LoguStyle.SideBySide.Providers;

/// <summary>Serilog's file sink (buffered, its fastest setting), directly or behind Serilog.Sinks.Async (its default: drops when full).</summary>
internal sealed class SerilogProvider(bool async) : IBenchProvider
{
    public string Name => async ? "serilog-async-file" : "serilog-file";

    public string Setup => async
        ? "WriteTo.Async(a => a.File(path, buffered: true)) (default 10,000 queue, drops when full)"
        : "WriteTo.File(path, buffered: true)";

    public bool MayDrop => async;

    public ILoggerFactory Create(string folder, Microsoft.Extensions.Logging.LogLevel minimum)
    {
        var path = Path.Combine(folder, "serilog.log");
        var formatter = new MessageTemplateTextFormatter(Formats.Serilog);
        var configuration = new LoggerConfiguration().MinimumLevel.Is(minimum switch
        {
            Microsoft.Extensions.Logging.LogLevel.Trace => Serilog.Events.LogEventLevel.Verbose,
            Microsoft.Extensions.Logging.LogLevel.Debug => Serilog.Events.LogEventLevel.Debug,
            _ => Serilog.Events.LogEventLevel.Information,
        });
        configuration = async
            ? configuration.WriteTo.Async(a => a.File(formatter, path, buffered: true))
            : configuration.WriteTo.File(formatter, path, buffered: true);
        var logger = configuration.CreateLogger();
        return LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddSerilog(logger, dispose: true));
    }
}
