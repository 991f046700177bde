namespace LoguStyle.Diagnostics;

/// <summary>A sink's running counts, published on the <c>LoguStyle</c> meter.</summary>
internal sealed class SinkStats
{
    private long _written;
    private long _dropped;
    private long _bytes;

    // Set on the counts of a sink's reports about itself (ForReports): their bytes are the sink's, they are no records.
    private readonly SinkStats? _bytesOf;
    private SinkStats? _forReports;

    public SinkStats()
    {
    }

    private SinkStats(SinkStats bytesOf)
    {
        _bytesOf = bytesOf;
    }

    /// <summary>
    /// The counts to give a line the sink writes about itself (<see cref="LogRecord.IsSinkReport"/>): its bytes are added
    /// to this sink's, and it is not counted as a written record (it was no logging call).
    /// </summary>
    public SinkStats ForReports => _forReports ??= new SinkStats(this);

    // The meter reads these while sinks write them. Volatile reads and writes of a long are atomic on 32-bit too, and a
    // read takes no lock (Interlocked.Read is a locked exchange that would take the writing core's cache line).
    public long Written => Volatile.Read(ref _written);

    public long Dropped => Volatile.Read(ref _dropped);

    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>False for the counts of a sink's lines about itself (<see cref="ForReports"/>), which are no records.</summary>
    public bool CountsRecords => _bytesOf is null;

    /// <summary>The records waiting in the sink's queue, for enqueued sinks.</summary>
    public Func<int>? QueueLength { get; set; }

    /// <summary>
    /// False while the sink may still count after it was disposed (an enqueued sink whose dispose gave up: the record
    /// in its stuck sink's hands is counted when that returns); null when its counts are final at dispose.
    /// </summary>
    public Func<bool>? Settled { get; set; }

    public void AddWritten() => Interlocked.Increment(ref _written);

    /// <summary>
    /// Counts one record of <paramref name="bytes"/> bytes without atomic operations: for callers that already hold
    /// the lock that serialises this sink's writes (atomic increments on a shared line cost more than the write).
    /// </summary>
    public void AddWrittenLocked(long bytes)
    {
        if (_bytesOf is { } sink)
        {
            Interlocked.Add(ref sink._bytes, bytes);
            return;
        }

        // Volatile writes: a plain 64-bit store can tear on 32-bit, and the meter reads concurrently.
        Volatile.Write(ref _written, _written + 1);
        Volatile.Write(ref _bytes, _bytes + bytes);
    }

    /// <summary>
    /// Counts <paramref name="records"/> records of <paramref name="bytes"/> bytes in all, atomically: for writers that
    /// share one sink's counts (a Syslog sink's connections, each with a writer of its own; a file's buffer, counted by
    /// the thread that wrote it), once per batch.
    /// </summary>
    public void AddWrittenShared(long records, long bytes)
    {
        if (_bytesOf is { } sink)
        {
            Interlocked.Add(ref sink._bytes, bytes);
            return;
        }

        Interlocked.Add(ref _written, records);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void AddDropped() => Interlocked.Increment(ref _dropped);

    public void AddDropped(long records) => Interlocked.Add(ref _dropped, records);
}
