using System.Collections;

namespace LoguStyle.Pipeline;

/// <summary>
/// The state Catch logs (<see cref="CatchMessage"/>): a <c>Caller</c> pair per <c>{Caller}</c> hole, then
/// <c>{OriginalFormat}</c> last, as MEL's own template state, so every provider reads the same properties; the message
/// is made once, by Catch's rule, which MEL's state cannot follow (it writes a template whose holes are all escaped as
/// it stands, doubled braces and all).
/// </summary>
internal sealed class CatchState : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The formatter MEL's <c>Log</c> takes: the message made when the state was.</summary>
    public static readonly Func<CatchState, Exception?, string> Format = static (state, _) => state.Message;

    private readonly KeyValuePair<string, object?>[] _pairs;

    public CatchState(string message, string? template, KeyValuePair<string, object?>[] callers)
    {
        Message = message;
        _pairs = template is null ? callers : [.. callers, new("{OriginalFormat}", template)];
    }

    /// <summary>The message, as every sink writes it.</summary>
    public string Message { get; }

    public int Count => _pairs.Length;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <summary>The message, as MEL's own template state gives it.</summary>
    public override string ToString() => Message;
}
