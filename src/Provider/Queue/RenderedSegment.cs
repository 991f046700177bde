namespace LoguStyle.Queue;

/// <summary>
/// Records already formatted by their logging threads, one after another in one array of bytes, with each record's end,
/// timestamp and ticket: what a queue in front of a file or a syslog connection hands its writer, a segment at a time (see <see cref="RenderedSegments"/>).
/// </summary>
/// <remarks>
/// Why bytes and not records: the writer then reads a run of bytes the callers wrote one after another, which the
/// processor fetches ahead, instead of each record's objects scattered over the callers' caches (a record, its values,
/// its message), and the callers reuse their one record at once, in their own cache. A segment is filled under the lock
/// of its <see cref="RenderedLane"/> and read by the writer alone once it is in the channel; reused after that.
/// </remarks>
internal sealed class RenderedSegment
{
    /// <summary>The bytes a segment holds before it is handed over (a record larger than this has a segment of its own).</summary>
    public const int Bytes = 64 * 1024;

    /// <summary>The records a segment holds at most (short records: the writer still gets them in runs of this).</summary>
    public const int MaxRecords = 1024;

    /// <summary>
    /// A flush hands over a copy of the open segment sized to its records when they fill no more than this (and keeps
    /// the open segment): a queue whose writer is stuck while its app flushes after every record then holds about its
    /// records' bytes, not a segment's 92 KiB of arrays per flush. Above it, the segment goes over whole, its arrays
    /// at most 2.9 times its records' bytes; half a segment is at most 32 KiB to copy under the lock.
    /// </summary>
    public const int CompactBytes = Bytes / 2;

    private byte[] _bytes;
    private readonly int[] _ends;
    private readonly DateTimeOffset[] _times;
    private readonly long[] _tickets;
    private int _used;

    /// <summary>An empty segment of <see cref="Bytes"/> and <see cref="MaxRecords"/>, to fill and reuse.</summary>
    public RenderedSegment()
        : this(Bytes, MaxRecords)
    {
    }

    private RenderedSegment(int bytes, int records)
    {
        _bytes = new byte[bytes];
        _ends = new int[records];
        _times = new DateTimeOffset[records];
        _tickets = new long[records];
    }

    /// <summary>The records in the segment.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes its records fill.</summary>
    public int UsedBytes => _used;

    /// <summary>True for a copy made by <see cref="CopyCompact"/>: read once, never filled nor reused.</summary>
    public bool IsCompact { get; private init; }

    /// <summary>What the segment's arrays hold on to, in bytes (for tests).</summary>
    internal long RetainedBytes => _bytes.Length + (_ends.Length * sizeof(int)) + (_times.Length * 16L) + (_tickets.Length * sizeof(long));

    /// <summary>True when a record of <paramref name="length"/> bytes goes into this segment (always into an empty one).</summary>
    public bool Fits(int length) => Count == 0 || (Count < MaxRecords && length <= _bytes.Length - _used);

    /// <summary>
    /// Adds one formatted record, its timestamp (the file's rotation reads it) and its queue ticket (the writer orders
    /// several lanes' records by it, see <see cref="SegmentCut"/>). Call only when it <see cref="Fits"/>.
    /// </summary>
    public void Add(ReadOnlySpan<byte> record, DateTimeOffset timestamp, long ticket)
    {
        if (record.Length > _bytes.Length)
        {
            // Alone in this segment (see Fits): an array of its own, given up when the segment is reused.
            _bytes = new byte[record.Length];
        }

        record.CopyTo(_bytes.AsSpan(_used));
        _used += record.Length;
        _ends[Count] = _used;
        _times[Count] = timestamp;
        _tickets[Count] = ticket;
        Count++;
    }

    /// <summary>The bytes of record <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Record(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1];
        return _bytes.AsSpan(start, _ends[index] - start);
    }

    /// <summary>The timestamp of record <paramref name="index"/>.</summary>
    public DateTimeOffset Timestamp(int index) => _times[index];

    /// <summary>The queue ticket of record <paramref name="index"/>.</summary>
    public long Ticket(int index) => _tickets[index];

    /// <summary>A copy of the records, in arrays of their size (see <see cref="CompactBytes"/>).</summary>
    public RenderedSegment CopyCompact()
    {
        var copy = new RenderedSegment(_used, Count) { IsCompact = true };
        _bytes.AsSpan(0, _used).CopyTo(copy._bytes);
        _ends.AsSpan(0, Count).CopyTo(copy._ends);
        _times.AsSpan(0, Count).CopyTo(copy._times);
        _tickets.AsSpan(0, Count).CopyTo(copy._tickets);
        (copy._used, copy.Count) = (_used, Count);
        return copy;
    }

    /// <summary>Empties the segment for reuse.</summary>
    public void Clear()
    {
        if (_bytes.Length != Bytes)
        {
            _bytes = new byte[Bytes];
        }

        (_used, Count) = (0, 0);
    }
}
