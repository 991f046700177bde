using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// Whose records one buffer of a <see cref="WriteBehindFile"/> holds, as runs of records that go to the same counts (a
/// reload may interleave two generations of a sink in one file; a sink's lines about itself add bytes, no records).
/// They are counted written once the buffer has reached the operating system, not when they enter it: a buffer that
/// never does (the file closed while the disk is still full) is then counted once, as not written, so written +
/// dropped + errors stays the number of calls. One atomic add per run and buffer, none per record.
/// </summary>
/// <remarks>
/// A struct, kept in the file's own fields: the run being filled is counted in fields beside the buffer's length, which
/// each record writes anyway, so a record touches no other object (the counts' own array would be one more).
/// </remarks>
internal struct BufferedCounts
{
    // The run being filled.
    private SinkStats? _stats;
    private int _records;
    private long _bytes;

    // The runs before it, when the counts changed within the buffer.
    private Run[]? _earlier;
    private int _earlierCount;

    /// <summary>The records in the buffer that are logging calls (a sink's lines about itself are not).</summary>
    public readonly int Calls
    {
        get
        {
            var calls = _stats is { CountsRecords: true } ? _records : 0;
            for (var i = 0; i < _earlierCount; i++)
            {
                if (_earlier![i].Stats.CountsRecords)
                {
                    calls += _earlier[i].Records;
                }
            }

            return calls;
        }
    }

    /// <summary>Adds one record of <paramref name="bytes"/> bytes that counts to <paramref name="stats"/>.</summary>
    public void Add(SinkStats stats, int bytes)
    {
        if (!ReferenceEquals(stats, _stats))
        {
            StartRun(stats);
        }

        _records++;
        _bytes += bytes;
    }

    /// <summary>Counts every record as written (the buffer reached the operating system) and empties the counts.</summary>
    public void CountWrittenAndClear()
    {
        for (var i = 0; i < _earlierCount; i++)
        {
            _earlier![i].Stats.AddWrittenShared(_earlier[i].Records, _earlier[i].Bytes);
        }

        _stats?.AddWrittenShared(_records, _bytes);
        Clear();
    }

    /// <summary>Forgets the records (the caller counted them otherwise).</summary>
    public void Clear()
    {
        if (_earlierCount > 0)
        {
            Array.Clear(_earlier!, 0, _earlierCount);
            _earlierCount = 0;
        }

        (_stats, _records, _bytes) = (null, 0, 0);
    }

    private void StartRun(SinkStats stats)
    {
        if (_stats is not null)
        {
            _earlier ??= new Run[4];
            if (_earlierCount == _earlier.Length)
            {
                Array.Resize(ref _earlier, _earlierCount * 2);
            }

            _earlier[_earlierCount++] = new Run(_stats, _records, _bytes);
        }

        (_stats, _records, _bytes) = (stats, 0, 0);
    }

    private readonly record struct Run(SinkStats Stats, int Records, long Bytes);
}
