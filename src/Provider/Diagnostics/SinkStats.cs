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

    public void AddDropped() => Interlocked.Increment(ref _dropped);

    public void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
