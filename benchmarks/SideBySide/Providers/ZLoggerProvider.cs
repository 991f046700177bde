using Microsoft.Extensions.Logging;
using ZLogger;

namespace LoguStyle.SideBySide.Providers;

/// <summary>ZLogger's file provider with its plain-text formatter and a prefix like the others' layout.</summary>
internal sealed class ZLoggerProvider : IBenchProvider
{
    public string Name => "zlogger-file";

    public string Setup => "AddZLoggerFile(path) with UsePlainTextFormatter and a time | level | category prefix (default unbounded queue)";

    public bool MayDrop => false;

    public ILoggerFactory Create(string folder, LogLevel minimum) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddZLoggerFile(Path.Combine(folder, "zlogger.log"), options => options.UsePlainTextFormatter(formatter =>
            formatter.SetPrefixFormatter(
                $"{0:yyyy-MM-dd HH:mm:ss.fff} | {1:short} | {2} - ",
                (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp, info.LogLevel, info.Category)))));
}
