using Microsoft.Extensions.Logging;
using ZLogger;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// ZLogger's file provider with its plain-text formatter and a prefix like the others' layout. The timestamp is ZLogger's
/// default rendering (<c>{0}</c>, no format string), which prints the same text as <c>yyyy-MM-dd HH:mm:ss.fff</c>; a
/// custom format string measured up to 1.4x slower ([LoggerMessage]), and ZLogger's own benchmark uses the default.
/// </summary>
internal sealed class ZLoggerProvider : IBenchProvider
{
    public string Name => "zlogger-file";

    public string Setup => "AddZLoggerFile(path) with UsePlainTextFormatter and the prefix $\"{0} | {1:short} | {2} - \" (default timestamp, default unbounded queue); LoggerMessage through [ZLoggerMessage]";

    public bool LogsInterpolated => true;

    public void LogInterpolated(ILogger logger, int userId)
    {
        var count = 3;
        var total = 29.97m;
        logger.ZLogInformation($"User {userId} bought {count} items for {total}");
    }

    public void LogGenerated(ILogger logger, int userId) => ZLoggerOrders.Bought(logger, userId, 3, 29.97m);

    public BenchLogging Create(string folder, LogLevel minimum) => new(LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddZLoggerFile(Path.Combine(folder, "zlogger.log"), options => options.UsePlainTextFormatter(formatter =>
            formatter.SetPrefixFormatter(
                $"{0} | {1:short} | {2} - ",
                (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp, info.LogLevel, info.Category))))));
}
