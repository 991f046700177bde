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

    // As deep as JSON writes nested collections.
    private const int MaxDepth = 8;

    // The type of Microsoft.Extensions.Telemetry's redacting value (see Kept).
    private const string JustInTimeRedactor = "Microsoft.Extensions.Logging.JustInTimeRedactor";

    public static object? Of(object? value) =>
        value is null || IsImmutable(value) ? value : OfMutable(value, 1);

    /// <summary>
    /// The value a record keeps by reference (no queue reads it later): the value itself, except a value that is only
    /// lent for the logging call. Microsoft.Extensions.Telemetry's ExtendedLogger passes a redacted value as a pooled
    /// redactor that it resets and lends to the next call once this one returns: read later, by a delegate sink that
    /// keeps its records, it throws or redacts another record's value. Its redacted text is kept instead.
    /// </summary>
    // Hot path for records that are copied: a type test, and a name comparison only for formattable values.
    public static object? Kept(object? value) =>
        value is IFormattable && value.GetType().FullName == JustInTimeRedactor ? Formatting.SafeText.Of(value) : value;

    /// <summary>
    /// A collection is copied now, read whole (a list as a list of snapshots, a dictionary as its pairs, at most
    /// <see cref="MaxPairs"/> items, <see cref="MaxDepth"/> levels deep); one whose enumeration throws is the marker.
    /// Anything else is its text.
    /// </summary>
    private static object? OfMutable(object value, int depth)
    {
        if (value is byte[] bytes)
        {
            // Bytes stay bytes (JSON writes them as base64), copied now as any collection is.
            return bytes.Clone();
        }

        if (value is not System.Collections.IEnumerable collection || depth > MaxDepth)
        {
            return Formatting.SafeText.Of(value);
        }

        try
        {
            if (Formatting.CollectionValue.ReadPairs(collection, MaxPairs) is { } pairs)
            {
                for (var i = 0; i < pairs.Length; i++)
                {
                    pairs[i] = new(pairs[i].Key, Nested(pairs[i].Value, depth));
                }

                return new SnapshotPairs(pairs);
            }

            var items = collection.Cast<object?>().Take(MaxPairs).ToArray();
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Nested(items[i], depth);
            }

            return new SnapshotList(items);
        }
#pragma warning disable CA1031 // A value is user code; one that cannot be read is a marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Formatting.SafeText.Failed(value, ex);
        }
    }

    private static object? Nested(object? value, int depth) =>
        value is null || IsImmutable(value) ? value : OfMutable(value, depth + 1);

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
                case System.Collections.IEnumerable enumerable when Formatting.CollectionValue.IsPairs(enumerable):
                    // Bounded as JSON writes collections: a scope that never ends must not hang the call.
                    var read = Formatting.CollectionValue.ReadPairs(enumerable, MaxPairs)!;
                    for (var i = 0; i < read.Length; i++)
                    {
                        read[i] = new(read[i].Key, Of(read[i].Value));
                    }

                    return read;
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

    // Hot path for queued records (every value of a template call). The type tests come first: each is a compare of the
    // object's type, while Type.IsPrimitive and Type.IsEnum call into the runtime (a P/Invoke stub in the queued
    // record path's profile); they stay last for the types the tests do not name (enums, nint, nuint).
    public static bool IsImmutable(object value) =>
        value is int or long or string or decimal or double or bool or DateTime or DateTimeOffset or TimeSpan or Guid
            or float or short or byte or char or uint or ulong or ushort or sbyte
            or DateOnly or TimeOnly or Uri or Version or Half or Int128 or UInt128
        || value.GetType() is { IsPrimitive: true } or { IsEnum: true }
        || value is NestedObject or NestedList; // read and snapshotted when it was bound

    /// <summary>A list value copied at capture; its text is its items joined as MEL renders a list argument.</summary>
    private sealed class SnapshotList(object?[] items) : IReadOnlyList<object?>
    {
        public int Count => items.Length;

        public object? this[int index] => items[index];

        public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => items.GetEnumerator();

        public override string ToString() => Formatting.CollectionValue.Text(this);
    }

    /// <summary>A dictionary value copied at capture, as its pairs; its text is its pairs as MEL renders a list argument.</summary>
    private sealed class SnapshotPairs(KeyValuePair<string, object?>[] pairs) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => pairs.Length;

        public KeyValuePair<string, object?> this[int index] => pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)pairs).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => pairs.GetEnumerator();

        public override string ToString() => Formatting.CollectionValue.Text(this);
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
