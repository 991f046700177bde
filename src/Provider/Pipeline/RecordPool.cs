using System.Collections.Concurrent;

namespace LoguStyle;

/// <summary>
/// Records for queues: taken by the logging call, returned by the last queue writer that held them, so an enqueued
/// record costs no allocation on either thread.
/// </summary>
/// <remarks>
/// No count is kept: a shared counter, changed by the logging threads and the writers for every record, cost more
/// than the rest of the pool. The pool is bounded anyway: a record is created only when the pool is empty, so it never
/// holds more records than were in flight at once (the queues' capacities and the calls under way).
/// </remarks>
internal sealed class RecordPool
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public static RecordPool Shared { get; } = new();

    public LogRecord Rent()
    {
        if (!_records.TryDequeue(out var record))
        {
            record = new LogRecord();
        }

        record.TakeFrom(this);
        return record;
    }

    public void Return(LogRecord record) => _records.Enqueue(record);
}
