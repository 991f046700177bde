using System.Collections.Concurrent;

namespace LoguStyle;

/// <summary>
/// Records for queues: taken by the logging call, returned by the last queue writer that held them, so an enqueued
/// record costs no allocation on either thread.
/// </summary>
/// <remarks>
/// <para>
/// Records move between threads in chunks of <see cref="ChunkSize"/>: a thread takes records from a chunk of its own
/// and returns them into another chunk of its own, and only a whole chunk passes through the shared queues. A shared
/// queue touched for every record cost more than the rest of the pool: logging threads on several cores contended
/// for its head, and its slots moved between the caller's and the writer's cores one record at a time.
/// </para>
/// <para>
/// No count is kept, and the pool is bounded anyway: a record is created only when no chunk is ready, so the pool
/// never holds more records than were in flight at once (the queues' capacities and the calls under way), plus up to
/// two partly used chunks per thread that logs or writes (the one it takes from and the one it returns into); those of
/// a thread that ends are left to the collector.
/// </para>
/// </remarks>
internal sealed class RecordPool
{
    /// <summary>How many records pass between threads at once.</summary>
    public const int ChunkSize = 64;

    // Chunks full of returned records, and drained chunks for returning threads to fill again.
    private readonly ConcurrentQueue<LogRecord?[]> _full = new();
    private readonly ConcurrentQueue<LogRecord?[]> _empty = new();

    // Per thread: the chunk records are taken from (its count of records left), and the chunk they are returned into.
    // One pool is used (Shared); a chunk of another pool is never mixed in, because each chunk is tagged by its pool.
    [ThreadStatic]
    private static Chunk? t_taking;

    [ThreadStatic]
    private static Chunk? t_returning;

    public static RecordPool Shared { get; } = new();

    // Hot path: a pop from this thread's chunk; the shared queue only once per chunk.
    public LogRecord Rent(bool callHandsOver = false)
    {
        var taking = t_taking;
        if (taking is null || taking.Pool != this || taking.Count == 0)
        {
            taking = NextFull(taking);
        }

        LogRecord record;
        if (taking is null)
        {
            record = new LogRecord();
        }
        else
        {
            var index = --taking.Count;
            record = taking.Items[index]!;
            taking.Items[index] = null;
            Pipeline.RecordPrefetch.Ahead(taking.Items, index);
        }

        record.EnsureCompanion().TakeFrom(this, callHandsOver);
        return record;
    }

    public void Return(LogRecord record)
    {
        var returning = t_returning;
        if (returning is null || returning.Pool != this)
        {
            t_returning = returning = new Chunk(this, _empty.TryDequeue(out var items) ? items : new LogRecord?[ChunkSize]);
        }

        returning.Items[returning.Count++] = record;
        if (returning.Count == ChunkSize)
        {
            _full.Enqueue(returning.Items);
            returning.Items = _empty.TryDequeue(out var next) ? next : new LogRecord?[ChunkSize];
            returning.Count = 0;
        }
    }

    /// <summary>This thread's next chunk of records, or null when none is ready; a drained chunk goes back for reuse.</summary>
    private Chunk? NextFull(Chunk? drained)
    {
        if (!_full.TryDequeue(out var items))
        {
            return null;
        }

        if (drained is { Count: 0 } && drained.Pool == this)
        {
            _empty.Enqueue(drained.Items);
            drained.Items = items;
            drained.Count = ChunkSize;
            return drained;
        }

        // A first chunk on this thread (or one from another pool, or a partly used one left behind: its records are
        // left to the collector, which bounds what a pool can strand at a chunk per thread).
        return t_taking = new Chunk(this, items) { Count = ChunkSize };
    }

    private sealed class Chunk(RecordPool pool, LogRecord?[] items)
    {
        public RecordPool Pool { get; } = pool;

        public LogRecord?[] Items { get; set; } = items;

        public int Count { get; set; }
    }
}
