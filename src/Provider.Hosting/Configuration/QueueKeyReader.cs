using System.Globalization;
using LoguStyle.Parsing;
using LoguStyle.Queue;
using Microsoft.Extensions.Configuration;
using static LoguStyle.Hosting.Configuration.LoguStyleConfigurationReader;

namespace LoguStyle.Hosting.Configuration;

/// <summary>Reads the enqueue keys (Enqueue, QueueCapacity, QueueFullMode, ExitTimeout) and the plain switches.</summary>
internal static class QueueKeyReader
{
    public static bool? ReadBool(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, "true or false", errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not a switch; accepted: true, false.");
        return null;
    }

    public static int? ReadCapacity(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, "a queue capacity", errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity >= 1)
        {
            return capacity;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not a queue capacity; accepted: a whole number of records from 1 to {int.MaxValue}, e.g. 10000.");
        return null;
    }

    public static QueueFullMode? ReadFullMode(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, "a queue-full mode", errors)?.Trim();
        foreach (var mode in Enum.GetValues<QueueFullMode>())
        {
            if (string.Equals(text, mode.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        if (text is not null)
        {
            errors.Add($"{PathOf(key)}: '{text}' is not a queue-full mode; accepted: Wait, DropOldest, DropNewest.");
        }

        return null;
    }

    public static TimeSpan? ReadDuration(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, "a duration", errors);
        if (text is null)
        {
            return null;
        }

        if (DurationGrammar.TryParse(text, out var duration))
        {
            return duration;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not {DurationGrammar.Expected}.");
        return null;
    }
}
