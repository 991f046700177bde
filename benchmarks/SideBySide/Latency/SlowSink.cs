using System.Diagnostics;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// What a slow sink does, whatever the provider: it takes at most a fixed number of records a second once throttled: the n-th record after
/// <see cref="Throttle"/> is taken no earlier than n / rate seconds after it (the writer sleeps a millisecond at a time
/// until then). Before that it takes records as fast as they come, so a warm-up is not held back.
/// </summary>
internal sealed class SlowSink(long perSecond)
{
    private long _taken;
    private long _throttledAt;
    private long _takenBefore;
    private volatile bool _throttled;

    public long Taken => Volatile.Read(ref _taken);

    /// <summary>From now on the sink takes <c>perSecond</c> records a second.</summary>
    public void Throttle()
    {
        _takenBefore = Taken;
        _throttledAt = Stopwatch.GetTimestamp();

        // The volatile write publishes the two fields above to the writer thread.
        _throttled = true;
    }

    /// <summary>Takes the records that end in <paramref name="bytes"/>, one per line end (a stream sink's write).</summary>
    public void TakeLines(ReadOnlySpan<byte> bytes)
    {
        for (var lines = bytes.Count((byte)'\n'); lines > 0; lines--)
        {
            Take();
        }
    }

    /// <summary>Takes one record: called by the provider's writer thread, one record at a time.</summary>
    public void Take()
    {
        var taken = Volatile.Read(ref _taken) + 1;
        Volatile.Write(ref _taken, taken);
        if (!_throttled)
        {
            return;
        }

        var due = _throttledAt + (long)((taken - _takenBefore) * (double)Stopwatch.Frequency / perSecond);
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.Sleep(1);
        }
    }
}
