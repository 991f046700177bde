using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Support;

/// <summary>One real JSON file sink of each <see cref="JsonFormat"/> in one provider, direct or enqueued: the round-trip tests' setup.</summary>
internal static class EveryJsonFormat
{
    public static readonly JsonFormat[] Formats = [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];

    /// <summary>The file <paramref name="format"/> is written to in <paramref name="folder"/>.</summary>
    public static string File(TempFolder folder, JsonFormat format) => folder.File($"{format}.json");

    /// <summary>Runs <paramref name="log"/> on a logger of a provider with a sink of every format, then disposes it (every record written).</summary>
    public static void Log(TempFolder folder, bool enqueued, string category, Action<ILogger> log)
    {
        var options = new LoguStyleLoggerOptions();
        foreach (var format in Formats)
        {
            options.Sinks.Add(new FileSinkOptions(File(folder, format)) { Serialize = true, JsonFormat = format, Enqueue = enqueued });
        }

        using var provider = new LoguStyleLoggerProvider(options);
        log(provider.CreateLogger(category));
    }
}
