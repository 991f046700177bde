namespace LoguStyle.Formatting;

/// <summary>
/// A record's properties as the flat schemas (CLEF, ECS, OTLP) carry them, as MEL's bridges to those tools do: the
/// template's values, then the pairs of every scope at the same level, and the text of each scope that is not a list
/// of pairs, or of a template scope, in a list. A name has one value there, the one <c>{extra[Name]}</c> shows
/// (<see cref="LogRecord.TryGetProperty"/>): a template value, else the innermost scope's (in one scope its first pair
/// of the name). A scope value that value shadows is left out, as a later bind replaces an earlier one in Loguru's
/// <c>extra</c> dict and as Serilog's bridge adds a scope property only when absent; LoguStyle's own <c>scopes</c>
/// list keeps every scope as it was made (docs/json.md#repeated-names).
/// </summary>
internal static class FlatProperties
{
    /// <summary>The template's values (as they are: a repeated template name gets its suffix when written), then the scopes' pairs that are not shadowed, in the place of each name's first scope, outermost first.</summary>
    /// <remarks>The lists are <paramref name="names"/>' own, refilled: valid until the next record.</remarks>
    public static (List<KeyValuePair<string, object?>> Pairs, List<string> Texts) Of(LogRecord record, JsonObjectNames names)
    {
        var pairs = names.FlatPairs;
        var texts = names.ScopeTexts;
        pairs.Clear();
        texts.Clear();
        pairs.AddRange(record.Properties);

        var templateCount = pairs.Count;

        // Where each scope name sits in pairs; an inner scope's value replaces an outer one's there, as a dict's does.
        Dictionary<string, int>? places = null;
        HashSet<string>? inThisScope = null;
        foreach (var scope in record.Scopes)
        {
            if (scope is null)
            {
                continue;
            }

            var (text, items) = JsonValueWriter.ReadScope(scope, record);
            if (text is not null)
            {
                texts.Add(text);
            }

            if (items is null || items.Length == 0)
            {
                continue;
            }

            places ??= new Dictionary<string, int>(StringComparer.Ordinal);
            inThisScope ??= new HashSet<string>(StringComparer.Ordinal);
            inThisScope.Clear();
            foreach (var item in items)
            {
                var name = CollectionValue.KeyText(item.Key);
                if (!inThisScope.Add(name) || IsTemplateName(pairs, templateCount, name))
                {
                    // A second pair of one name in one scope, or a name the template gives: the text shows the other.
                    continue;
                }

                if (places.TryGetValue(name, out var place))
                {
                    pairs[place] = new(item.Key, item.Value);
                }
                else
                {
                    places.Add(name, pairs.Count);
                    pairs.Add(item);
                }
            }
        }

        return (pairs, texts);
    }

    private static bool IsTemplateName(List<KeyValuePair<string, object?>> pairs, int templateCount, string name)
    {
        for (var i = 0; i < templateCount; i++)
        {
            if (string.Equals(CollectionValue.KeyText(pairs[i].Key), name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
