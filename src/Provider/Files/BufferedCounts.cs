namespace LoguStyle.Files;

/// <summary>
/// What one buffer of a <see cref="WriteBehindFile"/> holds, to be counted once the buffer has reached the operating
/// system, not when its records enter it: a buffer that never does (the file closed while the disk is still full) is
/// then counted once, as not written, so written + dropped + errors stays the number of calls. Counted then to the
/// file's counts of that moment (<see cref="FileCounts"/>): once a buffer (a lock and two atomic adds), not a record.
/// </summary>
/// <remarks>
/// A struct, kept in the file's own fields: a record's count is made in fields beside the buffer's length, which each
/// record writes anyway, so a record touches no other object.
/// </remarks>
internal struct BufferedCounts
{
    private int _calls;
    private long _bytes;

    /// <summary>The records in the buffer that are logging calls (a sink's lines about itself are not).</summary>
    public readonly int Calls => _calls;

    /// <summary>Adds a record of <paramref name="bytes"/> bytes; <paramref name="isCall"/> false for a sink's line about itself.</summary>
    public void Add(bool isCall, int bytes)
    {
        _calls += isCall ? 1 : 0;
        _bytes += bytes;
    }

    /// <summary>Counts the buffer written to <paramref name="counts"/> and empties the counts.</summary>
    public void CountWrittenAndClear(FileCounts counts)
    {
        if (_bytes > 0)
        {
            counts.AddWritten(_calls, _bytes);
        }

        (_calls, _bytes) = (0, 0);
    }
}
