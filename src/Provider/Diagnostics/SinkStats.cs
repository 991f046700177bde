namespace LoguStyle.Diagnostics;

/// <summary>A sink's running counts, published on the <c>LoguStyle</c> meter.</summary>
internal sealed class SinkStats
{
    private long _written;
    private long _dropped;
    private long _bytes;

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The records waiting in the sink's queue, for enqueued sinks.</summary>
    public Func<int>? QueueLength { get; set; }

    public void AddWritten() => Interlocked.Increment(ref _written);

    /// <summary>
    /// Counts one record of <paramref name="bytes"/> bytes without atomic operations: for callers that already hold
    /// the lock that serialises this sink's writes (atomic increments on a shared line cost more than the write).
    /// </summary>
    public void AddWrittenLocked(long bytes)
    {
        _written++;
        _bytes += bytes;
    }

    public void AddDropped() => Interlocked.Increment(ref _dropped);

    public void AddDropped(long records) => Interlocked.Add(ref _dropped, records);
}
