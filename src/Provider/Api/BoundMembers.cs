using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace LoguStyle;

/// <summary>
/// The members of a type that Bind, Contextualize and the nested walk read, looked up once per type for all three: its
/// public instance properties that have a getter and no index parameters, then its public instance fields (a class
/// whose classified member is a field printed it raw through its own <c>ToString</c> while only properties were read);
/// and whether the type is a data object, whose members the walk reads when it is nested (<see cref="NestedObject"/>),
/// by itself or through what its members' types hold.
/// </summary>
internal sealed class BoundMembers
{
    /// <summary>
    /// What the trimmer must keep of a type that Bind or Contextualize reads: its public properties and fields, and its
    /// public constructors and interfaces, where classification attributes may be (<see cref="BoundProperties.Read"/>).
    /// A generic method that passes its own type argument on to Bind needs the same annotation.
    /// </summary>
    internal const DynamicallyAccessedMemberTypes Kept = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields
        | DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces;

    private static readonly ConcurrentDictionary<Type, BoundMembers> Known = new();

    // Whether a type that is no data object by itself holds one (HolderSearch), decided once per type.
    private static readonly ConcurrentDictionary<Type, bool> Holders = new();

    private readonly Type _type;

    private BoundMembers(Type type, MemberInfo[] members, bool isDataObjectItself) =>
        (_type, Members, IsDataObjectItself) = (type, members, isDataObjectItself);

    /// <summary>The properties (with a getter, no index parameters), then the fields; both public and of the instance.</summary>
    public MemberInfo[] Members { get; }

    /// <summary>
    /// Whether the walk reads the type's members when a value of it is nested: a record (its <c>ToString</c> prints every
    /// member), an anonymous type, a KeyValuePair, any type with a classified member, or a type whose members' types
    /// hold one of these at any depth (a class holding a struct with a classified field would otherwise print it raw
    /// through its own <c>ToString</c>). Other objects keep their own <c>ToString</c>, as MEL's template values and
    /// Serilog's values without '@' do.
    /// </summary>
    public bool IsDataObject => IsDataObjectItself || Holders.GetOrAdd(_type, static type => HolderSearch.HoldsDataObject(type, out _));

    /// <summary>Whether the type is a data object by itself: a record, an anonymous type, a KeyValuePair or a type with a classified member.</summary>
    public bool IsDataObjectItself { get; }

    /// <summary>The members of <paramref name="type"/>, read once.</summary>
    public static BoundMembers Of([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)] Type type) =>
        Known.TryGetValue(type, out var known) ? known : Known.GetOrAdd(type, Read(type));

    /// <summary>The value of <paramref name="member"/> (a property or a field) on <paramref name="target"/>.</summary>
    public static object? ValueOf(MemberInfo member, object? target) => member is FieldInfo field ? field.GetValue(target) : ((PropertyInfo)member).GetValue(target);

    private static BoundMembers Read([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)] Type type)
    {
        MemberInfo[] members =
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null),
            .. type.GetFields(BindingFlags.Public | BindingFlags.Instance),
        ];
        return new BoundMembers(type, members, IsRecord(type) || NestedObject.IsAnonymous(type) || IsKeyValuePair(type) || members.Any(BoundProperties.IsClassified));
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a <see cref="KeyValuePair{TKey, TValue}"/>: a data object of its key and value,
    /// as its own ToString (<c>[k, v]</c>) prints a record in it whole (a tuple is one too, read through ITuple).
    /// </summary>
    internal static bool IsKeyValuePair(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>);

    // A record the trimmer left without PrintMembers looks like any other class here; under Native AOT the walk reads
    // every object that is no value anyway (NestedObject.Of), so this only decides for a JIT or trimmed app.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    private static bool IsRecord(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, [typeof(StringBuilder)]) is not null;
}
