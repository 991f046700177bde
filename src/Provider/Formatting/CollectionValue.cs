using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Reads dictionaries of any type as name/value pairs, one rule for JSON, <c>{scopes}</c> and the snapshot of queued
/// values: a list of <c>string</c>/<c>object</c> pairs as it is, any <see cref="IDictionary"/> or
/// <c>IEnumerable&lt;KeyValuePair&lt;K, V&gt;&gt;</c> with its keys as their invariant text. A null key is
/// <see cref="NullKey"/>.
/// </summary>
internal static class CollectionValue
{
    /// <summary>The name written for a pair whose key is null (docs/json.md).</summary>
    public const string NullKey = SafeText.Null;

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Key, PropertyInfo Value)?> PairTypes = new();

    private static readonly Func<object?, string> PlainKey = key => SafeText.OfOrThrow(key);

    public static string KeyText(string? key) => key ?? NullKey;

    /// <summary>
    /// The pairs of <paramref name="collection"/>, at most <paramref name="max"/>, or null when it is not a collection
    /// of pairs (decided by its type alone, without enumerating it). An enumeration that throws throws. A key that is
    /// not a string is named by <paramref name="keyText"/>, by default its text (the nested walk passes its own, so a
    /// record as a key is walked as a value is).
    /// </summary>
    public static KeyValuePair<string, object?>[]? ReadPairs(IEnumerable collection, int max, Func<object?, string>? keyText = null)
    {
        keyText ??= PlainKey;
        switch (collection)
        {
            case IEnumerable<KeyValuePair<string, object?>> named:
                return [.. named.Take(max).Select(p => new KeyValuePair<string, object?>(KeyText(p.Key), p.Value))];
            case IDictionary dictionary:
                var pairs = new List<KeyValuePair<string, object?>>();
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (pairs.Count == max)
                    {
                        break;
                    }

                    pairs.Add(new(keyText(entry.Key), entry.Value));
                }

                return [.. pairs];
        }

        if (PairType(collection.GetType()) is not { } accessors)
        {
            return null;
        }

        var read = new List<KeyValuePair<string, object?>>();
        foreach (var item in collection)
        {
            if (read.Count == max)
            {
                break;
            }

            read.Add(new(keyText(accessors.Key.GetValue(item)), accessors.Value.GetValue(item)));
        }

        return [.. read];
    }

    /// <summary>
    /// A scope's name/value pairs as <c>{extra[Name]}</c>, syslog's structured data and JSON read them: a list of
    /// <c>string</c>/<c>object</c> pairs as it is (not copied), any other dictionary or list of pairs of any value type
    /// read (at most as many as JSON writes); null for a scope without pairs (a string, a plain object). Reading may
    /// throw, as the scope's own enumeration does.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object?>>? ScopePairs(object? scope) => scope switch
    {
        IEnumerable<KeyValuePair<string, object?>> named => named,
        string => null,
        IEnumerable collection when IsPairs(collection) => ReadPairs(collection, JsonValueWriter.MaxItems),
        _ => null,
    };

    /// <summary>Whether <paramref name="value"/> is read as pairs by <see cref="ReadPairs"/>.</summary>
    public static bool IsPairs(object value) =>
        value is IEnumerable<KeyValuePair<string, object?>> or IDictionary || (value is IEnumerable && PairType(value.GetType()) is not null);

    /// <summary>A list's items joined with <c>", "</c>, as MEL renders a list argument in a message.</summary>
    public static string Join(IEnumerable items)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            text.Append(first ? string.Empty : ", ").Append(SafeText.OfOrThrow(item));
            first = false;
        }

        return text.ToString();
    }

    /// <summary>A value's text: a list (not a string) as its items joined as MEL does, anything else by <see cref="SafeText"/>.</summary>
    public static string Text(object? value)
    {
        // A nested bound object is a list of pairs to JSON; its text is its own, as a record's.
        if (value is IEnumerable items and not string and not NestedObject)
        {
            try
            {
                return Join(items);
            }
#pragma warning disable CA1031 // A value is user code; one that cannot be read is a marker, not a lost record.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return SafeText.Failed(value, ex);
            }
        }

        return SafeText.Of(value);
    }

    private static (PropertyInfo Key, PropertyInfo Value)? PairType(Type type) => PairTypes.GetOrAdd(type, ReadPairType);

    // Trimming may remove an interface or the Key/Value metadata this looks for (nothing here can annotate a value's
    // runtime type); then the answer is null and the value is written as a list of its items: less structure, never a
    // fault. Every string-keyed and IDictionary value is read above without reflection.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "A type whose interfaces were trimmed is written as a list.")]
    [UnconditionalSuppressMessage("Trimming", "IL2065", Justification = "A pair type whose Key/Value were trimmed is written as a list.")]
    private static (PropertyInfo Key, PropertyInfo Value)? ReadPairType(Type type)
    {
        foreach (var face in type.GetInterfaces())
        {
            if (face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                && face.GetGenericArguments()[0] is { IsGenericType: true } item
                && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            {
                return item.GetProperty("Key") is { GetMethod: not null } key && item.GetProperty("Value") is { GetMethod: not null } value
                    ? (key, value)
                    : null;
            }
        }

        return null;
    }
}
