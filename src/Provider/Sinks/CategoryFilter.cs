using Microsoft.Extensions.Logging;

namespace LoguStyle.Sinks;

/// <summary>
/// A sink's per-category levels, compiled once: prefixes matched on whole dot-separated segments, ignoring case, longest first.
/// </summary>
internal sealed class CategoryFilter
{
    private readonly KeyValuePair<string, LogLevel>[] _rules;

    public CategoryFilter(IEnumerable<KeyValuePair<string, LogLevel>> rules)
    {
        _rules = [.. rules.OrderByDescending(rule => rule.Key.Length)];
    }

    /// <summary>The level the longest matching prefix sets for <paramref name="category"/>; Trace when none matches.</summary>
    public LogLevel LevelFor(string category)
    {
        foreach (var (prefix, level) in _rules)
        {
            if (Matches(prefix, category))
            {
                return level;
            }
        }

        return LogLevel.Trace;
    }

    // Ignoring case, as MEL's own category rules (Logging:LogLevel) compare: a filter written "app" beside
    // "App": "Warning" in MEL's section means the same categories.
    internal static bool Matches(string prefix, string category) =>
        prefix.Length == 0 ||
        (category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
         (category.Length == prefix.Length || category[prefix.Length] == '.' || prefix[^1] == '.'));
}
