namespace LoguStyle.Formatting;

/// <summary>
/// The names already written in each JSON object being written, innermost last, so no object gets a name twice: a
/// repeated name (<c>"Pair {A} {A}"</c>, a property named like a field of the same object) is written with the first
/// free suffix <c>_2</c>, <c>_3</c>, ... (docs/json.md). One per formatter call, reused: no allocation once warm.
/// </summary>
internal sealed class JsonObjectNames
{
    // Up to this many names a linear search is cheaper than hashing; a larger object also fills a set.
    private const int LinearLimit = 16;

    private readonly List<Level> _levels = [];
    private int _depth;

    /// <summary>
    /// A name the schema gives a meaning inside every nested object (CLEF's type tag <c>$type</c>), or null: taken
    /// before an object's first name, so a key of that name is written with the suffix and never read as the tag.
    /// Set by the formatter for each record.
    /// </summary>
    public string? ReservedInNested { get; set; }

    /// <summary>The flat schemas' properties of the record being written (<see cref="FlatProperties"/>), refilled per record.</summary>
    // Kept here, with the one formatter call that owns this object, so a CLEF, ECS or OTLP call allocates no list for them.
    public List<KeyValuePair<string, object?>> FlatPairs { get; } = [];

    /// <summary>The flat schemas' scope texts of the record being written, refilled per record.</summary>
    public List<string> ScopeTexts { get; } = [];

    /// <summary>Starts an object (call before its first name).</summary>
    public void Begin()
    {
        if (_depth == _levels.Count)
        {
            _levels.Add(new Level());
        }

        var level = _levels[_depth++];
        level.Clear();
        if (_depth > 1 && ReservedInNested is { } reserved)
        {
            level.Add(reserved);
        }
    }

    /// <summary>Ends the innermost object.</summary>
    public void End() => _depth--;

    /// <summary>Forgets every open object (a record given up half way).</summary>
    public void Reset() => _depth = 0;

    /// <summary><paramref name="name"/>, or the first of <c>name_2</c>, <c>name_3</c>, ... not yet in the innermost object.</summary>
    public string Unique(string name)
    {
        var level = _levels[_depth - 1];
        if (level.Add(name))
        {
            return name;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}_{suffix}");
            if (level.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private sealed class Level
    {
        private readonly List<string> _names = [];
        private HashSet<string>? _set;

        public void Clear()
        {
            _names.Clear();
            _set?.Clear();
        }

        public bool Add(string name)
        {
            if (_names.Count < LinearLimit)
            {
                foreach (var known in _names)
                {
                    if (string.Equals(known, name, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                _names.Add(name);
                return true;
            }

            if (_set is null || _set.Count == 0)
            {
                _set ??= new HashSet<string>(StringComparer.Ordinal);
                _set.UnionWith(_names);
            }

            if (!_set.Add(name))
            {
                return false;
            }

            _names.Add(name);
            return true;
        }
    }
}
