using System.Text.RegularExpressions;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Filtering;

/// <summary>
/// Which records logu keeps: every condition given must hold (level at least, a category prefix, the time window, the
/// message regex, each property condition). An empty filter keeps everything.
/// </summary>
internal sealed record RecordFilter
{
    public static RecordFilter All { get; } = new();

    /// <summary>The lowest level kept; null keeps every level.</summary>
    public LogLevel? MinimumLevel { get; init; }

    /// <summary>Category prefixes, any of which keeps a record, with the sinks' prefix rule (<c>Noisy</c> matches <c>Noisy.Lib</c>, not <c>NoisyLib</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The first instant kept (inclusive).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The first instant no longer kept (exclusive).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>A regex the rendered message must match.</summary>
    public Regex? Grep { get; init; }

    public IReadOnlyList<WhereCondition> Where { get; init; } = [];

    public bool Keeps(LogRecord record) =>
        (MinimumLevel is not { } level || record.Level >= level)
        && (Categories.Count == 0 || Categories.Any(prefix => CategoryFilter.Matches(prefix, record.Category)))
        && (Since is not { } since || record.Timestamp >= since)
        && (Until is not { } until || record.Timestamp < until)
        && (Grep is null || Grep.IsMatch(record.Message))
        && Where.All(condition => condition.Matches(record));
}
