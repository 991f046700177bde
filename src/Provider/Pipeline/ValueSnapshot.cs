namespace LoguStyle.Pipeline;

/// <summary>
/// Makes a value safe to keep after the logging call returns, for sinks that write later: immutable values (numbers,
/// strings, dates, Guids, enums, ...) are kept as they are; anything else is rendered to its text now, so a caller that
/// changes the object afterwards cannot change the record.
/// </summary>
internal static class ValueSnapshot
{
    // As many pairs of a scope as JSON writes of a collection.
    private const int MaxPairs = 1000;

    public static object? Of(object? value) =>
        value is null || IsImmutable(value) ? value : Formatting.SafeText.Of(value);

    /// <summary>
    /// A scope kept as a list of snapshotted pairs when it has pairs, as text otherwise (strings stay strings). Never
    /// throws: a scope that cannot be read (its enumeration or <c>ToString</c> throws) is kept as a marker, and
    /// <paramref name="error"/> says why; a template scope whose text cannot be made is rendered from its template.
    /// </summary>
    public static object? OfScope(object? scope, out Exception? error)
    {
        error = null;
        try
        {
            switch (scope)
            {
                case null or string:
                    return scope;
                case IReadOnlyList<KeyValuePair<string, object?>> list when list.Count > 0 && list[^1].Key == "{OriginalFormat}":
                    var pairs = Formatting.ScopeText.Pairs(list, MaxPairs);
                    for (var i = 0; i < pairs.Length; i++)
                    {
                        pairs[i] = new(pairs[i].Key, Of(pairs[i].Value));
                    }

                    return new TemplateScope(Formatting.ScopeText.TemplateText(list, out error), pairs);
                case IEnumerable<KeyValuePair<string, object?>> enumerable:
                    // Bounded as JSON writes collections: a scope that never ends must not hang the call.
                    return enumerable.Take(MaxPairs).Select(p => new KeyValuePair<string, object?>(p.Key, Of(p.Value))).ToArray();
                default:
                    return Formatting.SafeText.OfOrThrow(scope);
            }
        }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read is a marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
            return Formatting.SafeText.Failed(scope, ex);
        }
    }

    public static bool IsImmutable(object value)
    {
        var type = value.GetType();
        return type.IsPrimitive || type.IsEnum || value is string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid
            or DateOnly or TimeOnly or Uri or Version or Half or Int128 or UInt128;
    }

    /// <summary>A template scope (<c>BeginScope("Request {Id}", id)</c>) captured as its text and its values.</summary>
    private sealed class TemplateScope(string text, KeyValuePair<string, object?>[] pairs) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => pairs.Length;

        public KeyValuePair<string, object?> this[int index] => pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)pairs).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => pairs.GetEnumerator();

        public override string ToString() => text;
    }
}
