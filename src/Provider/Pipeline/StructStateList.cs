namespace LoguStyle.Pipeline;

/// <summary>
/// <see cref="StateList{TState}"/> for a struct state that is a list: its members are called on the field with
/// constrained calls, which do not box it. Made by <see cref="StateList{TState}.For"/> through reflection.
/// </summary>
internal sealed class StructStateList<TState> : StateList<TState>
    where TState : struct, IReadOnlyList<KeyValuePair<string, object?>>
{
    public override int Count => State.Count;

    public override KeyValuePair<string, object?> this[int index] => State[index];

    public override IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => State.GetEnumerator();
}
