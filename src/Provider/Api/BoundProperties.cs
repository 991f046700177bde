using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LoguStyle;

/// <summary>
/// Named values bound to a logger or a scope (Loguru's <c>bind</c> / <c>contextualize</c>): a list of pairs that MEL
/// scopes carry, that <c>{extra[Name]}</c> and JSON <c>scopes</c> read, and that prints as <c>Name=value, ...</c>.
/// </summary>
internal sealed class BoundProperties : IReadOnlyList<KeyValuePair<string, object?>>
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ObjectProperties = new();

    /// <summary>Why reading an object's runtime type is not trim-safe, and what to call instead.</summary>
    internal const string TrimmingNote =
        "Reads the public properties of the object's runtime type, which trimming and Native AOT may remove. Pass the object with its own static type (Bind(new { OrderId = 7 }) calls the generic overload, which keeps them) or bind names and values.";

    private readonly KeyValuePair<string, object?>[] _pairs;

    /// <summary>Binds the given pairs.</summary>
    /// <param name="pairs">The names and values.</param>
    public BoundProperties(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = [.. pairs];
    }

    /// <inheritdoc />
    public int Count => _pairs.Length;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    /// <summary>
    /// The public properties of <paramref name="values"/> (an anonymous object, say: <c>new { UserId = 42 }</c>), or the
    /// pairs themselves when it is a dictionary or a list of pairs.
    /// </summary>
    /// <param name="values">The object to read.</param>
    /// <returns>The bound properties.</returns>
    [RequiresUnreferencedCode(TrimmingNote)]
    public static BoundProperties From(object values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values switch
        {
            BoundProperties bound => bound,
            IEnumerable<KeyValuePair<string, object?>> pairs => new BoundProperties(pairs),
            _ => new BoundProperties(ObjectProperties
                .GetOrAdd(values.GetType(), static type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray())
                .Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(values)))),
        };
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _pairs.Select(p => p.Key + "=" + Formatting.SafeText.Of(p.Value)));
}
