namespace LoguStyle.Pipeline;

/// <summary>
/// A record's view of a struct state as its list of values (<see cref="StateList{TState}"/>), seen without its state's
/// type: what the record keeps from call to call, and forgets the state of when a call is done with it.
/// </summary>
internal abstract class ReusedStateList : IReadOnlyList<KeyValuePair<string, object?>>
{
    public abstract int Count { get; }

    public abstract KeyValuePair<string, object?> this[int index] { get; }

    public abstract IEnumerator<KeyValuePair<string, object?>> GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The call is done with the view: forgets the state, and with it the caller's arguments.</summary>
    public abstract void Forget();
}
