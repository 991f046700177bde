using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>
/// Names of closed files: <c>app.log</c> started at 09:10:00.123456 becomes
/// <c>app.2026-11-24_09-10-00_123456.log</c>; a clash adds <c>.2</c>, <c>.3</c> before the extension.
/// </summary>
internal static class RotatedFileNames
{
    /// <summary>The optional stamp in a name, as a regex fragment with groups <c>stamp</c> and <c>clash</c>.</summary>
    public const string StampPattern = @"(\.(?<stamp>\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_\d{6})(\.(?<clash>\d+))?)?";

    /// <summary>The extension of a half-written archive.</summary>
    public const string PartialExtension = ".part";

    /// <summary>The closed name for <paramref name="activePath"/> started at <paramref name="localStart"/>, free of clashes with <paramref name="taken"/>.</summary>
    public static string ClosedName(string activePath, DateTimeOffset localStart, Func<string, bool> taken)
    {
        var directory = Path.GetDirectoryName(activePath)!;
        var extension = Path.GetExtension(activePath);
        var stem = Path.GetFileNameWithoutExtension(activePath);
        var stamp = localStart.ToString(PathTemplate.DefaultTimeFormat, CultureInfo.InvariantCulture);
        for (var clash = 1; ; clash++)
        {
            var suffix = clash == 1 ? string.Empty : "." + clash.ToString(CultureInfo.InvariantCulture);
            var candidate = Path.Combine(directory, $"{stem}.{stamp}{suffix}{extension}");
            if (!taken(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The start time and clash number a closed name carries, if it has a stamp.</summary>
    public static (DateTime Start, int Clash)? ReadStamp(Match match)
    {
        var stamp = match.Groups["stamp"];
        if (!stamp.Success ||
            !DateTime.TryParseExact(stamp.Value, PathTemplate.DefaultTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return null;
        }

        var clash = match.Groups["clash"];
        return (start, clash.Success ? int.Parse(clash.Value, CultureInfo.InvariantCulture) : 1);
    }
}
