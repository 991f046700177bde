using System.Diagnostics;
using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/configuration.md, "Code".</summary>
internal static class ConfigurationCode
{
    public static void Run(Microsoft.Extensions.Hosting.HostApplicationBuilder builder, IMetrics metrics, IAlerts alerts)
    {
        builder.Logging.AddLoguStyle(log => log
            .AddConsole()                                            // name "console", Loguru's layout, Auto colours
            .AddConsole(errors =>                                    // the complete form: every option, by its key's name
            {
                errors.Name = "errors";
                errors.Stream = ConsoleOutput.Stderr;
                errors.Level = LogLevel.Error;
                errors.Format = "<red>{time:HH:mm:ss}</> {level:u3} {message}";
            })
            .AddFile("logs/app.log", file => { file.Rotation = "10 MB"; file.Shared = true; file.AutoFlush = true; })
            .AddSink(record => metrics.Count(record.Level))          // Action<LogRecord>, on the logging thread
            .AddSink(async (record, ct) => await alerts.PostAsync(record, ct), sink => sink.Level = LogLevel.Critical)
            .AddTextSink(text => Debug.Write(text), format: "{level:u3} {message}"));
    }
}
