using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>LoguStyle's file sink, written on the caller (direct) or through its queue (enqueued).</summary>
internal sealed class LoguStyleProvider(bool enqueue) : IBenchProvider
{
    public string Name => enqueue ? "logustyle-enqueued" : "logustyle-direct";

    public string Setup => $"AddFile(path, format: \"{Formats.LoguStyle}\"{(enqueue ? ", enqueue: true" : string.Empty)})";

    public bool LogsInterpolated => true;

    public void LogInterpolated(ILogger logger, int userId)
    {
        var count = 3;
        var total = 29.97m;
        logger.Info($"User {userId} bought {count} items for {total}");
    }

    public BenchLogging Create(string folder, LogLevel minimum)
    {
        // What LoggerFactory.Create does, kept open so the runner reaches the provider's FlushAsync.
        var services = new ServiceCollection().AddLogging(logging => logging
            .SetMinimumLevel(minimum)
            .AddLoguStyle(log => log.AddFile(Path.Combine(folder, "logustyle.log"), format: Format, enqueue: enqueue)));
        var container = services.BuildServiceProvider();
        var provider = container.GetRequiredService<LoguStyleLoggerProvider>();
        return new BenchLogging(container.GetRequiredService<ILoggerFactory>(), () => provider.FlushAsync().Wait(), container);
    }

    // For exploring where the time goes: LOGUSTYLE_BENCH_FORMAT replaces the layout (the results use the default).
    private static string Format => Environment.GetEnvironmentVariable("LOGUSTYLE_BENCH_FORMAT") ?? Formats.LoguStyle;
}
