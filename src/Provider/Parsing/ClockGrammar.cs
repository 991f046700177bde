using System.Globalization;
using LoguStyle.Files;

namespace LoguStyle.Parsing;

/// <summary>
/// Clock rotations: <c>"HH:mm"</c>, <c>"HH:mm:ss"</c>, <c>"h tt"</c>, <c>"h:mm tt"</c> (daily at that time);
/// <c>"monday at 12:00"</c>, <c>"w0"</c>..<c>"w6"</c> (Monday = 0), a day alone (that day at 00:00); the words
/// <c>hourly daily weekly monthly yearly</c>. Local time unless the value ends in <c>" UTC"</c>.
/// </summary>
internal static class ClockGrammar
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a clock time: \"HH:mm\", \"HH:mm:ss\", \"h tt\", \"h:mm tt\" (daily), \"monday at 12:00\", \"w0\"..\"w6\" (Monday = 0), a day name alone, or hourly, daily, weekly, monthly, yearly; add \" UTC\" for UTC";

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "h tt", "h:mm tt", "htt", "h:mmtt"];

    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Parses a clock rotation.</summary>
    /// <exception cref="GrammarException">The text is not a clock rotation.</exception>
    public static Rotation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var rotation) ? rotation : throw new GrammarException(text, Expected);
    }

    /// <summary>Tries to parse a clock rotation; false when the text is not one.</summary>
    public static bool TryParse(string text, out Rotation rotation)
    {
        rotation = null!;
        if (text is null)
        {
            return false;
        }

        var value = text.Trim();
        var utc = false;
        if (value.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            utc = true;
            value = value[..^4].TrimEnd();
        }

        switch (value.ToUpperInvariant())
        {
            case "HOURLY":
                rotation = Rotation.Hourly(utc);
                return true;
            case "DAILY":
                rotation = Rotation.Daily(TimeOnly.MinValue, utc);
                return true;
            case "WEEKLY":
                rotation = Rotation.Weekly(DayOfWeek.Monday, TimeOnly.MinValue, utc);
                return true;
            case "MONTHLY":
                rotation = Rotation.Monthly(utc);
                return true;
            case "YEARLY":
                rotation = Rotation.Yearly(utc);
                return true;
        }

        if (TryParseTime(value, out var at))
        {
            rotation = Rotation.Daily(at, utc);
            return true;
        }

        var atIndex = value.IndexOf(" at ", StringComparison.OrdinalIgnoreCase);
        var dayText = atIndex >= 0 ? value[..atIndex].Trim() : value;
        var timeText = atIndex >= 0 ? value[(atIndex + 4)..].Trim() : null;
        if (!TryParseDay(dayText, out var day))
        {
            return false;
        }

        at = TimeOnly.MinValue;
        if (timeText is not null && !TryParseTime(timeText, out at))
        {
            return false;
        }

        rotation = Rotation.Weekly(day, at, utc);
        return true;
    }

    private static bool TryParseTime(string text, out TimeOnly time)
    {
        if (!TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            return false;
        }

        // .NET reads "0 PM" as noon; a 12-hour clock runs from 1 to 12, so an hour of 0 (or 00) before AM/PM is refused.
        var twelveHour = text.EndsWith("AM", StringComparison.OrdinalIgnoreCase) || text.EndsWith("PM", StringComparison.OrdinalIgnoreCase);
        var digits = text.AsSpan(0, text.AsSpan().IndexOfAnyExceptInRange('0', '9') is var end and >= 0 ? end : text.Length);
        return !twelveHour || (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 1 and <= 12);
    }

    private static bool TryParseDay(string text, out DayOfWeek day)
    {
        day = DayOfWeek.Monday;
        var index = Array.FindIndex(DayNames, name => name.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index < 0 && text.Length == 2 && (text[0] is 'w' or 'W') && text[1] is >= '0' and <= '6')
        {
            index = text[1] - '0';
        }

        if (index < 0)
        {
            return false;
        }

        // Monday = 0 in the grammar; DayOfWeek has Sunday = 0.
        day = (DayOfWeek)((index + 1) % 7);
        return true;
    }
}
