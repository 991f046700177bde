using System.Diagnostics.CodeAnalysis;

namespace LoguStyle;

/// <summary>
/// Reads a bound object (<c>Bind(new { OrderId = 7 })</c>) through its static type <typeparamref name="T"/>, whose public
/// properties and fields the trimmer keeps because of the annotation on <typeparamref name="T"/>: so binding works the
/// same in a JIT, trimmed or Native AOT app. Reading the runtime type instead (<see cref="BoundProperties.From(object)"/>)
/// finds nothing once the trimmer has removed what it saw no use for. The members are looked up once per type (<see cref="BoundMembers"/>).
/// </summary>
/// <typeparam name="T">The object's type as the caller wrote it (for an anonymous object, the object's own type).</typeparam>
// The constructors and interfaces are kept for the classification attributes on a record's positional parameters and
// on interface members (BoundProperties.Read).
internal static class ObjectProperties<[DynamicallyAccessedMembers(BoundMembers.Kept)] T>
{
    /// <summary>The pairs themselves when <paramref name="values"/> is a dictionary or a list of pairs, else its public properties and fields.</summary>
    public static BoundProperties Read(T values) => values switch
    {
        BoundProperties bound => bound,
        IEnumerable<KeyValuePair<string, object?>> pairs => BoundProperties.OfPairs(pairs),
        _ => BoundProperties.OfMembers(BoundMembers.Of(typeof(T)), values),
    };
}
