using System.Collections.Concurrent;

namespace LoguStyle;

/// <summary>
/// Records for queues: taken by the logging call, returned by the last queue writer that held them, so an enqueued
/// record costs no allocation on either thread. Bounded: past its size, records are left to the GC.
/// </summary>
internal sealed class RecordPool
{
    private const int MaxPooled = 16_384;

    private readonly ConcurrentQueue<LogRecord> _records = new();
    private int _count;

    public static RecordPool Shared { get; } = new();

    public LogRecord Rent()
    {
        if (_records.TryDequeue(out var record))
        {
            Interlocked.Decrement(ref _count);
        }
        else
        {
            record = new LogRecord();
        }

        record.TakeFrom(this);
        return record;
    }

    public void Return(LogRecord record)
    {
        if (Interlocked.Increment(ref _count) <= MaxPooled)
        {
            _records.Enqueue(record);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
