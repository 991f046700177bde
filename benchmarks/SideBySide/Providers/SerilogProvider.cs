using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Display;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// Serilog's file sink with <c>buffered: true</c> (its README's performance advice: the default flushes every event),
/// directly or behind Serilog.Sinks.Async with <c>blockWhenFull: true</c>: its default drops records when its 10,000
/// queue is full, and a setup that drops does not write the same bytes as the others.
/// </summary>
internal sealed class SerilogProvider(bool async) : IBenchProvider
{
    public string Name => async ? "serilog-async-file" : "serilog-file";

    public string Setup => async
        ? "WriteTo.Async(a => a.File(formatter, path, buffered: true), blockWhenFull: true) (default 10,000 queue)"
        : "WriteTo.File(formatter, path, buffered: true)";

    public BenchLogging Create(string folder, Microsoft.Extensions.Logging.LogLevel minimum)
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
            ? configuration.WriteTo.Async(a => a.File(formatter, path, buffered: true), blockWhenFull: true)
            : configuration.WriteTo.File(formatter, path, buffered: true);
        var logger = configuration.CreateLogger();
        return new BenchLogging(LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddSerilog(logger, dispose: true)));
    }
}
