using System.Collections;

namespace LoguStyle.Pipeline;

/// <summary>
/// The name/value pairs of MEL's template state, copied into an array that a pooled record keeps and reuses. MEL's
/// state holds the caller's own argument array, which the caller may fill again for its next call; a record that is
/// written later reads this copy instead. The values themselves are immutable (only such records are deferred), so
/// copying their references is enough.
/// </summary>
internal sealed class StateCopy : IReadOnlyList<KeyValuePair<string, object?>>
{
    // A copy that grew past this for an unusual call is not kept for the next, small ones.
    private const int MaxRetained = 64;

    /// <summary>A string value longer than this is let go when a pooled record goes back (see <see cref="LetGoOfLongStrings"/>).</summary>
    internal const int LongString = 256;

    private KeyValuePair<string, object?>[] _items = new KeyValuePair<string, object?>[8];

    public int Count { get; private set; }

    /// <summary>The array the pairs are kept in (for <see cref="RecordPrefetch"/>).</summary>
    internal KeyValuePair<string, object?>[] Storage => _items;

    public KeyValuePair<string, object?> this[int index] =>
        (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(KeyValuePair<string, object?> pair)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = pair;
    }

    /// <summary>Empties the copy and drops its references, so it keeps no value alive between calls.</summary>
    public void Clear()
    {
        if (_items.Length > MaxRetained)
        {
            _items = new KeyValuePair<string, object?>[8];
        }
        else
        {
            Array.Clear(_items, 0, Count);
        }

        Count = 0;
    }

    /// <summary>
    /// Empties the copy for a new call by the thread that fills it (a pooled record's copy, which the writer leaves as it
    /// was): the values of the last call stay referenced until overwritten, and a copy that grew is let go.
    /// </summary>
    public void Restart()
    {
        if (_items.Length > MaxRetained)
        {
            _items = new KeyValuePair<string, object?>[8];
        }

        Count = 0;
    }

    /// <summary>
    /// A pooled record goes back to its pool: the values stay for the next call to overwrite (their lines stay as the
    /// caller wrote them), but a long string is let go, so that a quiet queue does not keep the last large message of each
    /// pooled record alive until that record is reused (an outside test kept a 32 MiB value after its flush). Written only
    /// for such a value; the writer has just read the values, so the look costs no miss.
    /// </summary>
    public void LetGoOfLongStrings()
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Value is string { Length: > LongString })
            {
                _items[i] = new KeyValuePair<string, object?>(_items[i].Key, null);
            }
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
