using System.Globalization;
using LoguStyle.Parsing;
using LoguStyle.Tool.Cli;

namespace LoguStyle.Tool.Filtering;

/// <summary>
/// The value of <c>--since</c> / <c>--until</c>: a duration back from now in the sinks' duration grammar (<c>2h</c>,
/// <c>30min</c>, <c>"1 day, 6 hours"</c>), or a time (ISO 8601 or the invariant culture's forms; local time unless it
/// gives an offset or <c>Z</c>).
/// </summary>
internal static class TimeBound
{
    public const string Accepted =
        "a duration back from now (2h, 30min, \"1 day, 6 hours\"; units ms, s, min, h, d, w, month, y) or a time (2026-11-30, 2026-11-30T09:00, \"2026-11-30 09:00:00+01:00\", 2026-11-30T08:00:00Z; local unless it has an offset)";

    public static DateTimeOffset Parse(string option, string text, DateTimeOffset now)
    {
        if (DurationGrammar.TryParse(text, out var ago))
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return time;
        }

        throw new ArgumentProblem($"logu: {option}: '{text}' is not a time; accepted: {Accepted}.");
    }
}
