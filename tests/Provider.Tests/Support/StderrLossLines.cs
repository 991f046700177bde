using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Adds up what stderr says a sink did not write, as a reader would: the drop lines' total (the last "N dropped in
/// all", else the sum of the "LoguStyle dropped N records" lines) and the last running count of records not written
/// ("(N record(s) not written so far)" or "(N not written in all ...)").
/// </summary>
internal static partial class StderrLossLines
{
    /// <summary>The records the drop lines say were dropped.</summary>
    public static long Dropped(string text) => DroppedInAll().Matches(text) is { Count: > 0 } closing
        ? long.Parse(closing[^1].Groups[1].Value, CultureInfo.InvariantCulture)
        : DroppedLine().Matches(text).Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>The highest running count of records not written; 0 when no line gives one.</summary>
    public static long NotWritten(string text) => NotWrittenCount().Matches(text) is { Count: > 0 } lines
        ? lines.Max(match => long.Parse(match.Groups[1].Value + match.Groups[2].Value, CultureInfo.InvariantCulture))
        : 0;

    [GeneratedRegex(@"(\d+) dropped in all")]
    private static partial Regex DroppedInAll();

    [GeneratedRegex(@"LoguStyle dropped (\d+) records")]
    private static partial Regex DroppedLine();

    [GeneratedRegex(@"\((?:(\d+) record\(s\) not written so far|(\d+) not written in all)")]
    private static partial Regex NotWrittenCount();
}
