namespace LoguStyle.Files.Shared;

/// <summary>
/// Records waiting to be appended to a shared file, with where each ends and when it was logged, so the writer can
/// judge rotation record by record (a size limit is exceeded by at most one record) and write each run between
/// rotations in one append. Reused: its buffer grows to the largest batch and stays.
/// </summary>
internal sealed class RecordBatch
{
    private byte[] _bytes = new byte[64 * 1024];
    private int[] _ends = new int[512];
    private DateTimeOffset[] _times = new DateTimeOffset[512];
    private bool[] _isCall = new bool[512];

    public int Count { get; private set; }

    public int Length { get; private set; }

    /// <param name="record">The record's bytes, copied.</param>
    /// <param name="loggedAt">When it was logged, for time rotation.</param>
    /// <param name="isCall">False for a sink's line about itself, which is counted in bytes, not as a record.</param>
    public void Add(ReadOnlySpan<byte> record, DateTimeOffset loggedAt, bool isCall)
    {
        if (Length + record.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + record.Length));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Count * 2);
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _isCall, Count * 2);
        }

        record.CopyTo(_bytes.AsSpan(Length));
        Length += record.Length;
        _ends[Count] = Length;
        _times[Count] = loggedAt;
        _isCall[Count] = isCall;
        Count++;
    }

    public int StartOf(int index) => index == 0 ? 0 : _ends[index - 1];

    public int LengthOf(int index) => _ends[index] - StartOf(index);

    public DateTimeOffset TimeOf(int index) => _times[index];

    /// <summary>The bytes of records <paramref name="first"/> up to, not including, <paramref name="end"/>.</summary>
    public ReadOnlySpan<byte> Span(int first, int end) => _bytes.AsSpan(StartOf(first), StartOf(end) - StartOf(first));

    /// <summary>
    /// Counts records <paramref name="first"/> up to <paramref name="end"/> as written to <paramref name="counts"/> (the
    /// file's, which go to the newest sink generation): the logging calls among them as records, all of them as bytes.
    /// </summary>
    public void CountWritten(int first, int end, FileCounts counts) => counts.AddWritten(CallsIn(first, end), StartOf(end) - StartOf(first));

    /// <summary>The records from <paramref name="first"/> on that are logging calls (a sink's lines about itself are not).</summary>
    public int CallsFrom(int first) => CallsIn(first, Count);

    private int CallsIn(int first, int end)
    {
        var calls = 0;
        for (var i = first; i < end; i++)
        {
            calls += _isCall[i] ? 1 : 0;
        }

        return calls;
    }

    public void Clear()
    {
        Count = 0;
        Length = 0;
    }
}
