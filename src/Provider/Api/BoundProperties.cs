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
    // Per property or field, decided once: the marker it is bound as (a data classification's, or <not read when logging>
    // for a value behind a getter that may block; see UnreadMarker), null when it is read, and whether it is classified.
    private static readonly ConcurrentDictionary<MemberInfo, (string? Marker, bool Classified)> Markers = new();

    /// <summary>Why reading an object's runtime type is not trim-safe, and what to call instead.</summary>
    internal const string TrimmingNote =
        "Reads the public properties and fields of the object's runtime type, which trimming and Native AOT may remove. Pass the object with its own static type (Bind(new { OrderId = 7 }) calls the generic overload, which keeps them) or bind names and values.";

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
    /// The public properties and fields of <paramref name="values"/> (an anonymous object, say: <c>new { UserId = 42 }</c>),
    /// or the pairs themselves when it is a dictionary or a list of pairs.
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
            IEnumerable<KeyValuePair<string, object?>> pairs => OfPairs(pairs),
            _ => OfMembers(BoundMembers.Of(values.GetType()), values),
        };
    }

    /// <summary>The <paramref name="members"/> of <paramref name="values"/>, each read as <see cref="Read"/> does.</summary>
    internal static BoundProperties OfMembers(BoundMembers members, object? values) =>
        new(members.Members.Select(m => new KeyValuePair<string, object?>(m.Name, Read(m, values))));

    /// <summary>A dictionary's or a list's pairs, bound with their values as <see cref="NestedObject.Of"/> reads them.</summary>
    internal static BoundProperties OfPairs(IEnumerable<KeyValuePair<string, object?>> pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, object?>(p.Key, NestedObject.Of(p.Value, 1))));

    /// <summary>
    /// The value of <paramref name="member"/> (a property or a field) on <paramref name="values"/>, <paramref name="depth"/>
    /// objects below the bound object, as <see cref="NestedObject.Of"/> reads it (a record in it is walked too); a member
    /// with a data classification (<see cref="ClassificationMarker"/>) is not read and gives its marker instead; a getter that throws
    /// gives a marker naming the type, the property and the exception instead, so a bad bound object never throws into
    /// the application and the record is still written.
    /// </summary>
    internal static object? Read(MemberInfo member, object? values, int depth = 1)
    {
        if (MarkerOf(member).Marker is { } marker)
        {
            return marker;
        }

        try
        {
            return NestedObject.Of(BoundMembers.ValueOf(member, values), depth);
        }
#pragma warning disable CA1031 // User code: whatever the getter throws costs only its value.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var thrown = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            return $"<{member.DeclaringType?.Name}.{member.Name} threw {thrown.GetType().Name}>";
        }
    }

    /// <summary>
    /// <c>&lt;not read when logging&gt;</c> for a member of a bound .NET or Microsoft generic type that is no collection,
    /// tuple or KeyValuePair (<c>Task&lt;T&gt;</c>, <c>ValueTask&lt;T&gt;</c>, <c>Lazy&lt;T&gt;</c>) whose type is one of its
    /// type arguments: its value sits behind a getter that may block the logging call (<c>Task&lt;T&gt;.Result</c> of a task
    /// not done) or run the application's code (<c>Lazy&lt;T&gt;.Value</c>'s factory), as when such a value is nested in a
    /// bound object (<see cref="NestedObject.Of"/>). Its other members (a task's <c>Status</c>) are read.
    /// </summary>
    private static string? UnreadMarker(MemberInfo member)
    {
        if (member.ReflectedType is not { } reflected || NestedObject.ValueHolderBase(reflected) is not { IsGenericType: true } owner || BoundMembers.IsKeyValuePair(owner)
            || typeof(IEnumerable).IsAssignableFrom(owner) || typeof(System.Runtime.CompilerServices.ITuple).IsAssignableFrom(owner)
            || !HolderSearch.IsFramework(owner))
        {
            return null;
        }

        var type = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        return Array.IndexOf(owner.GetGenericArguments(), type) >= 0 ? "<not read when logging>" : null;
    }

    /// <summary>Whether <paramref name="member"/> is bound as a classification's marker.</summary>
    internal static bool IsClassified(MemberInfo member) => MarkerOf(member).Classified;

    private static (string? Marker, bool Classified) MarkerOf(MemberInfo member) =>
        Markers.GetOrAdd(member, static m => ClassificationMarker(m) is { } classified ? (classified, true) : (UnreadMarker(m), false));

    /// <summary>
    /// <c>&lt;redacted: PrivateData&gt;</c> for a property or field that carries a data classification attribute of
    /// Microsoft.Extensions.Compliance (<c>[PrivateData]</c>, an application's own, <c>[UnknownDataClassification]</c>),
    /// null for one without or with <c>[NoDataClassification]</c>. MEL's redaction applies to the parameters of a
    /// <c>[LoggerMessage]</c> method and the members of a <c>[LogProperties]</c> one; a bound object's properties are
    /// read here and never reach it, so a classified value is never bound raw. The attribute counts where C# lets a
    /// user put it for the member: on the field, on the property or a base class's property it overrides, on a positional
    /// parameter of the record or of any record it derives from (<c>record User([PrivateData] string Email)</c> puts it
    /// on the parameter only; <c>record Admin(string Email) : User(Email)</c> inherits it), and on the member of an
    /// interface the property implements. It is known by its base type's name: this package does not depend on the
    /// compliance packages, and an application without them has no such attribute.
    /// </summary>
    // A constructor or an interface member the trimmer removed has no attribute left to read: ObjectProperties<T> keeps
    // T's public constructors and its interfaces (a base type's constructors are not covered by the annotation), and
    // reading a runtime type (From) is marked as not trim-safe.
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    private static string? ClassificationMarker(MemberInfo member)
    {
        // Attribute.GetCustomAttributes walks overridden properties; PropertyInfo.GetCustomAttributes(true) does not.
        var found = Marker(Attribute.GetCustomAttributes(member, inherit: true));
        var valueType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        if (found is not null || member.ReflectedType is not { } type)
        {
            return found is { Length: > 0 } ? found : null;
        }

        // A positional parameter of the bound type or of any type it derives from: a derived record passes its value to
        // the base record's constructor (record R(string Email) : Base(Email)), where the attribute is, and the property
        // is the base's. A constructor can be protected (an abstract record's), so both kinds are searched.
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var constructor in declaring.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                foreach (var parameter in constructor.GetParameters())
                {
                    if (parameter.Name == member.Name && parameter.ParameterType == valueType
                        && Marker(Attribute.GetCustomAttributes(parameter, inherit: true)) is { Length: > 0 } marker)
                    {
                        return marker;
                    }
                }
            }
        }

        // An interface has no fields: a property may implement one of its members.
        if (member is not PropertyInfo)
        {
            return null;
        }

        foreach (var contract in type.GetInterfaces())
        {
            if (contract.GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance) is { } implemented
                && Marker(Attribute.GetCustomAttributes(implemented, inherit: true)) is { Length: > 0 } marker)
            {
                return marker;
            }
        }

        return null;
    }

    // The marker for the first classification among the attributes; "" for [NoDataClassification]; null for none.
    private static string? Marker(Attribute[] attributes)
    {
        foreach (var attribute in attributes)
        {
            var declared = attribute.GetType();
            if (declared.FullName == "Microsoft.Extensions.Compliance.Classification.NoDataClassificationAttribute")
            {
                return string.Empty;
            }

            for (var type = declared; type is not null; type = type.BaseType)
            {
                if (type.FullName == "Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute")
                {
                    var name = declared.Name.EndsWith("Attribute", StringComparison.Ordinal) ? declared.Name[..^"Attribute".Length] : declared.Name;
                    return "<redacted: " + name + ">";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// These pairs updated by <paramref name="later"/>, as a Python dict is: a name bound again keeps its place with the
    /// later value, new names follow in their order.
    /// </summary>
    internal BoundProperties With(BoundProperties later)
    {
        var merged = new List<KeyValuePair<string, object?>>(_pairs.Length + later.Count);
        merged.AddRange(_pairs);
        foreach (var pair in later._pairs)
        {
            var index = merged.FindIndex(p => p.Key == pair.Key);
            if (index >= 0)
            {
                merged[index] = pair;
            }
            else
            {
                merged.Add(pair);
            }
        }

        return new BoundProperties(merged);
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _pairs.Select(p => p.Key + "=" + Formatting.SafeText.Of(p.Value)));
}
