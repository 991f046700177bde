using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>
/// Names of closed files: <c>app.log</c> started at 09:10:00.123456 local time, one hour ahead of UTC, becomes
/// <c>app.2026-11-24_09-10-00_123456+0100.log</c>; a clash adds <c>.2</c>, <c>.3</c> before the extension. The offset
/// makes the stamp one instant: across a daylight-saving fall-back, or a restart in another zone, the order of the
/// closed files stays the order they were started. Names written before the offset was added
/// (<c>app.2026-11-24_09-10-00_123456.log</c>) still read, as local time in the zone given.
/// </summary>
internal static class RotatedFileNames
{
    /// <summary>The optional stamp in a name, as a regex fragment with groups <c>stamp</c>, <c>offset</c> and <c>clash</c>.</summary>
    public static readonly string StampPattern =
        @"(\.(?<stamp>" + TimeFormatPattern.For(PathTemplate.DefaultTimeFormat) + @")(?<offset>[+-](?:0[0-9]|1[0-4])[0-5][0-9])?(\.(?<clash>[0-9]+))?)?";

    /// <summary>The extension of a half-written archive.</summary>
    public const string PartialExtension = ".part";

    /// <summary>
    /// The closed name for <paramref name="activePath"/> started at <paramref name="localStart"/> (the local wall-clock
    /// time and its offset), free of clashes with <paramref name="taken"/>.
    /// </summary>
    public static string ClosedName(string activePath, DateTimeOffset localStart, Func<string, bool> taken) =>
        ClosedName(activePath, localStart, taken, firstClash: 1, out _);

    /// <summary>
    /// The closed name as above, with a clash number of at least <paramref name="firstClash"/>; says which it took.
    /// </summary>
    public static string ClosedName(string activePath, DateTimeOffset localStart, Func<string, bool> taken, int firstClash, out int clash)
    {
        var directory = Path.GetDirectoryName(activePath)!;
        var extension = Path.GetExtension(activePath);
        var stem = Path.GetFileNameWithoutExtension(activePath);
        var stamp = localStart.ToString(PathTemplate.DefaultTimeFormat, CultureInfo.InvariantCulture) + Offset(localStart.Offset);
        for (clash = Math.Max(firstClash, 1); ; clash++)
        {
            var suffix = clash == 1 ? string.Empty : "." + clash.ToString(CultureInfo.InvariantCulture);
            var candidate = Path.Combine(directory, $"{stem}.{stamp}{suffix}{extension}");
            if (!taken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>
    /// The instant a closed name was started and its clash number, if it has a stamp. A stamp without an offset (an
    /// older name) is read as wall-clock time in <paramref name="legacyZone"/>; the earlier instant when it occurred twice.
    /// </summary>
    public static (DateTimeOffset Start, int Clash)? ReadStamp(Match match, TimeZoneInfo legacyZone)
    {
        var stamp = match.Groups["stamp"];
        if (!stamp.Success ||
            !DateTime.TryParseExact(stamp.Value, PathTemplate.DefaultTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return null;
        }

        var offset = match.Groups["offset"];
        var start = offset.Success
            ? new DateTimeOffset(wall, ParseOffset(offset.ValueSpan))
            : ScheduledRotation.ToInstant(wall, legacyZone);
        var clash = match.Groups["clash"];
        return (start, clash.Success ? int.Parse(clash.Value, CultureInfo.InvariantCulture) : 1);
    }

    // Without the colon of "zzz": a colon cannot be part of a file name on Windows.
    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    private static TimeSpan ParseOffset(ReadOnlySpan<char> text)
    {
        var hours = int.Parse(text[1..3], CultureInfo.InvariantCulture);
        var minutes = int.Parse(text[3..5], CultureInfo.InvariantCulture);
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }
}
