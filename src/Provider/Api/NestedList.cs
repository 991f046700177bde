using System.Collections;

namespace LoguStyle;

/// <summary>
/// A collection met by the nested walk (a list, an array, any <see cref="IEnumerable"/> that is not a string or a
/// dictionary), its items read through the same redacting walk (<see cref="NestedObject.Of"/>) at bind time: a record in
/// it is walked, never its compiler-made <c>ToString</c>. At most <see cref="NestedObject.MaxItems"/> items are kept,
/// the last then being a marker for the rest. JSON writes it as an array (OTLP <c>arrayValue</c>); its text is
/// <c>[a, b]</c>, as inside a record's text.
/// </summary>
internal sealed class NestedList(object?[] items) : IReadOnlyList<object?>
{
    public int Count => items.Length;

    public object? this[int index] => items[index];

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public override string ToString() => NestedObject.MemberText(this);
}
