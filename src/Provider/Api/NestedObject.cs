using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace LoguStyle;

/// <summary>
/// A bound object's property value that is itself a data object (<c>Bind(new { User = user })</c> with <c>user</c> a
/// record): read through the same redacting property walk as the bound object, so a classified member of it is its
/// marker, never raw, where the record's compiler-made <c>ToString</c> prints every member. JSON writes it as a nested
/// object (it is a list of pairs); text as the record's own <c>ToString</c> would, with the markers:
/// <c>UserDto { Id = 7, Email = &lt;redacted: PrivateData&gt; }</c>. Its values are read, and snapshotted, at bind time, so it
/// is immutable and a queue keeps it as it is.
/// </summary>
internal sealed class NestedObject : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>How many objects deep the walk goes below the bound object (Serilog's default is 10; JSON writes 8).</summary>
    internal const int MaxDepth = 4;

    /// <summary>How many items of a collection the walk keeps, the last then a marker for the rest (JSON writes 1000).</summary>
    internal const int MaxItems = 1000;

    /// <summary>
    /// How many values the walk reads below one bound value in all: 1000 items 4 levels deep would be 10^12 (a list that
    /// holds itself), read inside the application's logging call.
    /// </summary>
    internal const int MaxValues = 10_000;

    private const string MoreMarker = "<more than 1000 items: the rest not written>";

    private const string SpentMarker = "<more than 10000 values below one bound value: the rest not written>";

    // A tuple item's JSON name, made once: a walk named every item of every tuple anew ("Item" + n).
    private static readonly string[] ItemNames = [.. Enumerable.Range(1, 20).Select(n => "Item" + n.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    // The values the walk below the current bound value may still read (set where a walk starts, depth 1).
    [ThreadStatic]
    private static int t_valuesLeft;

    private readonly string? _typeName;
    private readonly KeyValuePair<string, object?>[] _pairs;

    // The brackets of a holder that prints its items without names, "()" for a tuple, "[]" for a KeyValuePair; null for
    // an object, which prints "Name { k = v }".
    private readonly string? _brackets;

    private NestedObject(string? typeName, KeyValuePair<string, object?>[] pairs, string? brackets = null) =>
        (_typeName, _pairs, _brackets) = (typeName, pairs, brackets);

    public int Count => _pairs.Length;

    /// <summary>The key LoguStyle JSON's exception <c>data</c> names a walked object's type by (<see cref="TypeName"/>).</summary>
    internal const string TypeKey = "$type";

    /// <summary>
    /// The type's name as the text names it, <c>ValueTuple</c>, <c>Tuple</c> or <c>KeyValuePair</c> for a holder printed
    /// in brackets; null for an anonymous object or a dictionary, whose text has none.
    /// </summary>
    internal string? TypeName => _typeName;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    /// <summary>
    /// <paramref name="value"/> as a bound property's value <paramref name="depth"/> objects below the bound object (1 for
    /// its own members): a record, an anonymous object, a tuple, a KeyValuePair or an object with a classified property
    /// or field as a <see cref="NestedObject"/>, a collection's items (and a dictionary's keys) walked, anything else as it is. Deeper than <see cref="MaxDepth"/>, a walked type is a marker
    /// naming it (its <c>ToString</c> could print what the walk would have redacted).
    /// </summary>
    internal static object? Of(object? value, int depth)
    {
        if (depth <= 1)
        {
            t_valuesLeft = MaxValues;
        }
        else if (--t_valuesLeft < 0)
        {
            return SpentMarker;
        }

        if (value is IEnumerable collection and not string and not byte[] and not NestedObject and not NestedList)
        {
            return OfCollection(collection, depth);
        }

        // A tuple is a data object of its items, read through ITuple (no reflection, so under Native AOT too).
        if (value is ITuple tuple)
        {
            return depth > MaxDepth ? DeeperMarker(tuple.GetType()) : OfTuple(tuple, tuple.GetType(), depth);
        }

        if (value is not null && ValueHolderBase(value.GetType()) is var holder && HeldBehindGetter(holder) is { } held)
        {
            return held ? UnreadMarker(holder) : value;
        }

        // An exception, a reflection object or a delegate is no data object, also where the walk cannot tell (Native AOT).
        if (value is null || Pipeline.ValueSnapshot.IsImmutable(value) || value is IEnumerable or Exception or MemberInfo or Delegate ||
            MembersOf(value.GetType()) is not { } members)
        {
            return value;
        }

        var type = value.GetType();
        if (depth > MaxDepth)
        {
            return DeeperMarker(type);
        }

        if (members.Length == 0 && !RuntimeFeature.IsDynamicCodeSupported)
        {
            // Native AOT: the walk sees no member of this type (see MembersOf), and its ToString may print one.
            return $"<{DisplayName(type)}: no member readable under Native AOT>";
        }

        var pairs = new KeyValuePair<string, object?>[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            pairs[i] = new(members[i].Name, Pipeline.ValueSnapshot.Of(BoundProperties.Read(members[i], value, depth + 1)));
        }

        return new NestedObject(IsAnonymous(type) ? null : DisplayName(type), pairs, BoundMembers.IsKeyValuePair(type) ? "[]" : null);
    }

    /// <summary>
    /// An exception's <c>Data</c> walked as the text sink's <c>Data:</c> lines walk it: each key and value as a value of
    /// its own (<see cref="DataText"/>, depth 1), not one level below the dictionary, so LoguStyle JSON's <c>data</c> is
    /// cut where the text is, and read back prints as the text.
    /// </summary>
    internal static object? OfData(System.Collections.IDictionary data) => Of(data, 0);

    /// <summary>
    /// A data object, tuple or KeyValuePair read back from LoguStyle JSON's exception <c>data</c> (its
    /// <see cref="TypeKey"/> and pairs), which prints as the text sink wrote it.
    /// </summary>
    internal static NestedObject ReadBack(string typeName, KeyValuePair<string, object?>[] pairs) =>
        new(typeName, pairs, typeName is "ValueTuple" or "Tuple" ? "()" : typeName == "KeyValuePair" ? "[]" : null);

    /// <summary>
    /// A value written by its text outside a bind, an exception's <c>Data</c> value: read through the walk as a bound
    /// value is (a data object, a tuple, a collection's items, a dictionary's keys), so a classified member is its marker there too.
    /// </summary>
    internal static string DataText(object? value) => Formatting.SafeText.Of(Of(value, 1));

    /// <summary>
    /// A ValueTuple or a Tuple (any arity; <see cref="ITuple"/> flattens the 8th item on, as the tuple's own text does,
    /// and needs no reflection, so this holds under Native AOT too): its items walked one level deeper, named
    /// <c>Item1</c>... in JSON, <c>(a, b)</c> in text. Its own ToString would print a record in it whole.
    /// </summary>
    private static NestedObject OfTuple(ITuple tuple, Type type, int depth)
    {
        var pairs = new KeyValuePair<string, object?>[tuple.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var name = i < ItemNames.Length ? ItemNames[i] : "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            pairs[i] = new(name, Pipeline.ValueSnapshot.Of(Of(tuple[i], depth + 1)));
        }

        return new NestedObject(DisplayName(type), pairs, "()");
    }

    /// <summary>
    /// A collection's items (a dictionary's values) read through the walk, one level deeper, at most
    /// <see cref="MaxItems"/> of them, the last then a marker for the rest: a record in a list is walked as one in an
    /// object is. A dictionary is a <see cref="NestedObject"/> without a type name (<c>{ k = v }</c>, a JSON object), any
    /// other collection a <see cref="NestedList"/>. Deeper than <see cref="MaxDepth"/> it is the marker, as an object is.
    /// </summary>
    private static object? OfCollection(IEnumerable collection, int depth)
    {
        if (depth > MaxDepth)
        {
            return DeeperMarker(collection.GetType());
        }

        try
        {
            // A key is walked as a value is: a record as a key would print a classified member through its ToString.
            if (Formatting.CollectionValue.ReadPairs(collection, MaxItems + 1, key => Formatting.SafeText.OfOrThrow(Of(key, depth + 1))) is { } pairs)
            {
                var walked = new KeyValuePair<string, object?>[Math.Min(pairs.Length, MaxItems)];
                for (var i = 0; i < walked.Length; i++)
                {
                    walked[i] = new(pairs[i].Key, Pipeline.ValueSnapshot.Of(Of(pairs[i].Value, depth + 1)));
                }

                if (pairs.Length > MaxItems)
                {
                    walked[^1] = new("<more>", MoreMarker);
                }

                return new NestedObject(null, walked);
            }

            var items = collection.Cast<object?>().Take(MaxItems + 1).ToArray();
            var read = new object?[Math.Min(items.Length, MaxItems)];
            for (var i = 0; i < read.Length; i++)
            {
                read[i] = Pipeline.ValueSnapshot.Of(Of(items[i], depth + 1));
            }

            if (items.Length > MaxItems)
            {
                read[^1] = MoreMarker;
            }

            return new NestedList(read);
        }
#pragma warning disable CA1031 // A value is user code; one that cannot be read is a marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Formatting.SafeText.Failed(collection, ex);
        }
    }

    /// <summary>
    /// For a framework type that is no collection, tuple or KeyValuePair but has type arguments (<c>Task&lt;T&gt;</c>,
    /// <c>ValueTask&lt;T&gt;</c>, <c>Lazy&lt;T&gt;</c>, an options wrapper): whether it is its marker (true) or its own text
    /// (false); null for any other type. Its value sits behind a getter that may block the logging call
    /// (<c>Task&lt;T&gt;.Result</c> of a task not done) or run user code (<c>Lazy&lt;T&gt;.Value</c>'s factory), so the walk
    /// never reads its members; and its own text may print that value (a created Lazy's, a completed ValueTask's), so
    /// where the value may be a data object (or the walk cannot tell, under Native AOT) it is the marker.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Best effort on what the trimmer kept; see MembersOf.")]
    private static bool? HeldBehindGetter(Type type)
    {
        if (!type.IsGenericType || BoundMembers.IsKeyValuePair(type) || !HolderSearch.IsFramework(type))
        {
            return null;
        }

        return !RuntimeFeature.IsDynamicCodeSupported || BoundMembers.Of(type).IsDataObject;
    }

    /// <summary>
    /// The <c>Task&lt;T&gt;</c> or <c>Lazy&lt;T&gt;</c> a type of the application's derives from (<c>class ImportJob :
    /// Task&lt;Report&gt;</c>), whose getter would block or run a factory as the base's does; else the type itself.
    /// </summary>
    internal static Type ValueHolderBase(Type type)
    {
        for (var current = type.BaseType; current is not null && !type.IsGenericType; current = current.BaseType)
        {
            if (current.IsGenericType && (current.GetGenericTypeDefinition() == typeof(Task<>) || current.GetGenericTypeDefinition() == typeof(Lazy<>)))
            {
                return current;
            }
        }

        return type;
    }

    private static string UnreadMarker(Type type) =>
        $"<{DisplayName(type)}<{string.Join(", ", type.GetGenericArguments().Select(DisplayName))}>: its value is not read when logging>";

    private static string DeeperMarker(Type type) => $"<{DisplayName(type)} nested deeper than {MaxDepth}>";

    /// <summary>
    /// A type as the walk names it: a generic type without its arity (<c>Pair`1</c> is <c>Pair</c>), as a record's own
    /// <c>ToString</c> does; an anonymous type as <c>{ }</c>, as its text has no name.
    /// </summary>
    internal static string DisplayName(Type type) => IsAnonymous(type) ? "{ }" : type.Name.Split('`')[0];

    /// <summary>
    /// A member's text inside a walked object, as a record's own <c>ToString</c> would read were it to list a collection:
    /// nothing for null, a list as <c>[a, b]</c>, a dictionary as <c>{ k = v }</c>, anything else its own text.
    /// </summary>
    internal static string MemberText(object? value)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case NestedObject or string:
                return Formatting.SafeText.Of(value);
            case IEnumerable collection when Formatting.CollectionValue.IsPairs(collection):
                return Formatting.SafeText.Of(Of(collection, 1));
            case IEnumerable items:
                // The separator goes by position, not by what was written: a null item writes nothing.
                var text = new StringBuilder("[");
                var first = true;
                foreach (var item in items)
                {
                    text.Append(first ? string.Empty : ", ").Append(MemberText(item));
                    first = false;
                }

                return text.Append(']').ToString();
            default:
                return Formatting.SafeText.Of(value);
        }
    }

    // A type's members are walked when it is a data object (BoundMembers.IsDataObject): a record, an anonymous type,
    // any type with a classified public property or field, or one whose members' types hold such a type. Other objects keep their own ToString, as MEL's template
    // values and Serilog's values without '@' do.
    // Trimming: a nested value's runtime type is not covered by Bind<T>'s annotation, so Native AOT usually keeps no
    // metadata of it (no PrintMembers, no members): a record cannot be told from any other object there. So under
    // Native AOT every object that is not a value (IFormattable), a collection or one of ValueSnapshot's immutable types
    // is walked, and one whose members the walk cannot see is a marker naming its type, never its ToString
    // (AotPublishTests). A member the trimmer kept without the metadata of its classification is the gap left: an
    // attribute on a record's positional parameter lives on the constructor (docs/api.md).
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    private static MemberInfo[]? MembersOf(Type type)
    {
        var members = BoundMembers.Of(type);
        var unknowable = !RuntimeFeature.IsDynamicCodeSupported && !typeof(IFormattable).IsAssignableFrom(type);
        return unknowable || members.IsDataObject ? members.Members : null;
    }

    /// <summary>Whether <paramref name="type"/> is a C# anonymous type.</summary>
    internal static bool IsAnonymous(Type type) =>
        type.Name.Contains("AnonymousType", StringComparison.Ordinal) && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <summary>
    /// <c>UserDto { Id = 7, Email = &lt;redacted: PrivateData&gt; }</c>, as a record's <c>ToString</c>; <c>{ Id = 7 }</c> for
    /// an anonymous type; <c>(a, b)</c> for a tuple and <c>[k, v]</c> for a KeyValuePair, as their own.
    /// </summary>
    public override string ToString()
    {
        if (_brackets is not null)
        {
            return _brackets[0] + string.Join(", ", _pairs.Select(p => MemberText(p.Value))) + _brackets[1];
        }

        var text = new StringBuilder();
        text.Append(_typeName).Append(_typeName is null ? "{ " : " { ");
        for (var i = 0; i < _pairs.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(_pairs[i].Key).Append(" = ").Append(MemberText(_pairs[i].Value));
        }

        return text.Append(_pairs.Length == 0 ? "}" : " }").ToString();
    }
}
