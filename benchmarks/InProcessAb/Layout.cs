namespace LoguStyle.InProcessAb;

/// <summary>
/// What each build writes, the SideBySide runner's layout (benchmarks/SideBySide/Formats.cs):
/// <c>2026-11-24 09:10:00.123 | INF | Bench.Orders - User 42 bought 3 items for 29.97</c>.
/// </summary>
internal static class Layout
{
    public const string Format = "{time:yyyy-MM-dd HH:mm:ss.fff} | {level:u3} | {category} - {message}";

    public const string Category = "Bench.Orders";

    /// <summary>The time at the start of a line, the one part of it that differs between the builds' files.</summary>
    public const int TimeLength = 23;

    /// <summary>Whether a line starts with <c>yyyy-MM-dd HH:mm:ss.fff</c> (digits where the pattern has letters).</summary>
    public static bool StartsWithTime(string line)
    {
        const string pattern = "0000-00-00 00:00:00.000";
        if (line.Length < TimeLength)
        {
            return false;
        }

        for (var i = 0; i < TimeLength; i++)
        {
            if (pattern[i] == '0' ? !char.IsAsciiDigit(line[i]) : line[i] != pattern[i])
            {
                return false;
            }
        }

        return true;
    }
}
