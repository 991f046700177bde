using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// Which categories <see cref="LoguStyleLoggerProvider.Disable"/> and <see cref="LoguStyleLoggerProvider.Enable"/> turned
/// off (Loguru's activation list): prefix rules, matched on whole dot-separated segments as sink filters are, the longest
/// matching rule deciding; a category no rule matches is enabled. Immutable: a change makes a new one, which the provider
/// publishes and pushes into every logger.
/// </summary>
internal sealed class CategoryActivation
{
    // Longest prefix first, so the first match is the one that decides.
    private readonly KeyValuePair<string, bool>[] _rules;

    private CategoryActivation(KeyValuePair<string, bool>[] rules)
    {
        _rules = rules;
    }

    /// <summary>Every category enabled.</summary>
    public static CategoryActivation All { get; } = new([]);

    /// <summary>The rules, longest prefix first (for tests and reports).</summary>
    public IReadOnlyList<KeyValuePair<string, bool>> Rules => _rules;

    public bool IsEnabled(string category)
    {
        foreach (var (prefix, enabled) in _rules)
        {
            if (CategoryFilter.Matches(prefix, category))
            {
                return enabled;
            }
        }

        return true;
    }

    /// <summary>
    /// The activation after <c>Disable(prefix)</c> (<paramref name="enabled"/> false) or <c>Enable(prefix)</c>: as in
    /// Loguru, the call decides for the prefix and everything under it, so the rules for narrower prefixes go, and a rule
    /// that would say what the wider ones already say is not kept.
    /// </summary>
    public CategoryActivation With(string prefix, bool enabled)
    {
        var rules = _rules.Where(rule => !CategoryFilter.Matches(prefix, rule.Key)).ToList();
        var without = new CategoryActivation([.. rules]);
        if (without.IsEnabled(prefix) != enabled)
        {
            rules.Add(new(prefix, enabled));
        }

        return new CategoryActivation([.. rules.OrderByDescending(rule => rule.Key.Length)]);
    }
}
