using System.Globalization;

namespace LoguStyle.Parsing;

/// <summary>
/// Durations: one or more <c>number unit</c> terms, summed, separated by spaces or commas: <c>"1 week, 3 days"</c>,
/// <c>"1h 30min"</c>. Units: <c>ms</c>, <c>s sec second(s)</c>, <c>min minute(s)</c>, <c>h hour(s)</c>,
/// <c>d day(s)</c>, <c>w week(s)</c>, <c>month(s)</c> (30 days), <c>y year(s)</c> (365 days); case-insensitive.
/// </summary>
internal static class DurationGrammar
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a duration above zero: one or more 'number unit' terms, e.g. \"10 days\", \"1 week, 3 days\", \"1h 30min\"; units ms, s, sec, second(s), min, minute(s), h, hour(s), d, day(s), w, week(s), month(s) (30 days), y, year(s) (365 days)";

    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ms"] = TimeSpan.FromMilliseconds(1),
        ["millisecond"] = TimeSpan.FromMilliseconds(1),
        ["milliseconds"] = TimeSpan.FromMilliseconds(1),
        ["s"] = TimeSpan.FromSeconds(1),
        ["sec"] = TimeSpan.FromSeconds(1),
        ["second"] = TimeSpan.FromSeconds(1),
        ["seconds"] = TimeSpan.FromSeconds(1),
        ["min"] = TimeSpan.FromMinutes(1),
        ["minute"] = TimeSpan.FromMinutes(1),
        ["minutes"] = TimeSpan.FromMinutes(1),
        ["h"] = TimeSpan.FromHours(1),
        ["hour"] = TimeSpan.FromHours(1),
        ["hours"] = TimeSpan.FromHours(1),
        ["d"] = TimeSpan.FromDays(1),
        ["day"] = TimeSpan.FromDays(1),
        ["days"] = TimeSpan.FromDays(1),
        ["w"] = TimeSpan.FromDays(7),
        ["week"] = TimeSpan.FromDays(7),
        ["weeks"] = TimeSpan.FromDays(7),
        ["month"] = TimeSpan.FromDays(30),
        ["months"] = TimeSpan.FromDays(30),
        ["y"] = TimeSpan.FromDays(365),
        ["year"] = TimeSpan.FromDays(365),
        ["years"] = TimeSpan.FromDays(365),
    };

    /// <summary>Parses a duration.</summary>
    /// <exception cref="GrammarException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var duration) ? duration : throw new GrammarException(text, Expected);
    }

    /// <summary>Tries to parse a duration; false when the text is not one (or sums to zero or overflows).</summary>
    public static bool TryParse(string text, out TimeSpan duration) => TryParse(text, out duration, out _);

    /// <summary>
    /// Tries to parse a duration; false when the text is not one, and then <paramref name="tooLong"/> says whether it was
    /// one longer than any <see cref="TimeSpan"/> (a message can then say so, not that it is no duration).
    /// </summary>
    public static bool TryParse(string text, out TimeSpan duration, out bool tooLong)
    {
        duration = TimeSpan.Zero;
        tooLong = false;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan();
        var i = 0;
        var terms = 0;
        decimal totalTicks = 0;
        while (true)
        {
            while (i < span.Length && (char.IsWhiteSpace(span[i]) || span[i] == ','))
            {
                i++;
            }

            if (i == span.Length)
            {
                break;
            }

            var start = i;
            while (i < span.Length && (char.IsAsciiDigit(span[i]) || span[i] == '.'))
            {
                i++;
            }

            if (!decimal.TryParse(span[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            start = i;
            while (i < span.Length && char.IsAsciiLetter(span[i]))
            {
                i++;
            }

            if (!Units.TryGetValue(span[start..i].ToString(), out var unit))
            {
                return false;
            }

            if (number > (decimal)TimeSpan.MaxValue.Ticks / unit.Ticks)
            {
                // Longer than any TimeSpan (and the product could overflow even a decimal).
                tooLong = true;
                return false;
            }

            totalTicks += number * unit.Ticks;
            terms++;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                tooLong = true;
                return false;
            }
        }

        if (terms == 0 || totalTicks < 1)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(totalTicks));
        return true;
    }

    /// <summary>Formats a duration as whole terms from days down to milliseconds (round-trips through <see cref="Parse"/>).</summary>
    public static string Format(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var parts = new List<string>();
        void Add(long count, string unit)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}"));
            }
        }

        Add(duration.Days, "d");
        Add(duration.Hours, "h");
        Add(duration.Minutes, "min");
        Add(duration.Seconds, "s");
        var subSecondTicks = duration.Ticks % TimeSpan.TicksPerSecond;
        if (subSecondTicks % TimeSpan.TicksPerMillisecond == 0)
        {
            Add(subSecondTicks / TimeSpan.TicksPerMillisecond, "ms");
        }
        else
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{subSecondTicks / (decimal)TimeSpan.TicksPerMillisecond} ms"));
        }

        return string.Join(' ', parts);
    }
}
