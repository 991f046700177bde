using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// Whose records one buffer of a <see cref="WriteBehindFile"/> holds, as runs of records that go to the same counts (a
/// reload may interleave two generations of a sink in one file; a sink's lines about itself add bytes, no records).
/// They are counted written once the buffer has reached the operating system, not when they enter it: a buffer that
/// never does (the file closed while the disk is still full) is then counted once, as not written, so written +
/// dropped + errors stays the number of calls. One atomic add per run and buffer, none per record.
/// </summary>
internal sealed class BufferedCounts
{
    private Run[] _runs = new Run[4];
    private int _count;

    /// <summary>The records in the buffer that are logging calls (a sink's lines about itself are not).</summary>
    public int Calls
    {
        get
        {
            var calls = 0;
            for (var i = 0; i < _count; i++)
            {
                if (_runs[i].Stats.CountsRecords)
                {
                    calls += _runs[i].Records;
                }
            }

            return calls;
        }
    }

    /// <summary>Adds one record of <paramref name="bytes"/> bytes that counts to <paramref name="stats"/>.</summary>
    public void Add(SinkStats stats, int bytes)
    {
        var last = _count - 1;
        if (last < 0 || !ReferenceEquals(_runs[last].Stats, stats))
        {
            if (_count == _runs.Length)
            {
                Array.Resize(ref _runs, _count * 2);
            }

            last = _count++;
            _runs[last] = new Run { Stats = stats };
        }

        _runs[last].Records++;
        _runs[last].Bytes += bytes;
    }

    /// <summary>Counts every record as written (the buffer reached the operating system) and empties the counts.</summary>
    public void CountWrittenAndClear()
    {
        for (var i = 0; i < _count; i++)
        {
            _runs[i].Stats.AddWrittenShared(_runs[i].Records, _runs[i].Bytes);
        }

        Clear();
    }

    /// <summary>Forgets the records (the caller counted them otherwise).</summary>
    public void Clear()
    {
        Array.Clear(_runs, 0, _count);
        _count = 0;
    }

    private struct Run
    {
        public SinkStats Stats;
        public int Records;
        public long Bytes;
    }
}
