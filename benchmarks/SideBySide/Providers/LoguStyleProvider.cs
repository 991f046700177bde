using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>LoguStyle's file sink, written on the caller (direct) or through its queue (enqueued).</summary>
internal sealed class LoguStyleProvider(bool enqueue) : IBenchProvider
{
    public string Name => enqueue ? "logustyle-enqueued" : "logustyle-direct";

    public string Setup => $"AddFile(path, format: \"{Formats.LoguStyle}\"{(enqueue ? ", enqueue: true" : string.Empty)})";

    public bool MayDrop => false;

    public ILoggerFactory Create(string folder, LogLevel minimum) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddLoguStyle(log => log.AddFile(Path.Combine(folder, "logustyle.log"), format: Format, enqueue: enqueue)));

    // For exploring where the time goes: LOGUSTYLE_BENCH_FORMAT replaces the layout (the results use the default).
    private static string Format => Environment.GetEnvironmentVariable("LOGUSTYLE_BENCH_FORMAT") ?? Formats.LoguStyle;
}
