using System.Collections.Concurrent;
using LoguStyle.Formatting;

namespace LoguStyle.Pipeline;

/// <summary>
/// The buffers that logging threads format records into ahead of a queue's writer (see
/// <see cref="RecordCompanion.BeginRender"/>), shared by all records: taken when a record is formatted ahead, given back
/// when the record is cleared after its last write.
/// </summary>
/// <remarks>
/// Shared, not kept by each record: the record pool holds more records than are formatted ahead at once, and which of
/// them come up is the pool's order, so a buffer per record would make the logging thread allocate (and grow to a line)
/// for each record not formatted ahead before, while other pooled records hold idle buffers. Shared, the buffers are
/// never more than the records formatted ahead at once, each already grown to a line. One concurrent queue, not per-thread chunks as <see cref="RecordPool"/>:
/// only a record formatted ahead passes through it, and formatting the line costs far more than the queue's two steps.
/// </remarks>
internal static class RenderBuffers
{
    // A huge record's buffer is not kept for the next, small ones.
    private const int MaxRetained = 64 * 1024;

    private const int InitialSize = 256;

    private static readonly ConcurrentQueue<Utf8Buffer> Free = new();

    public static Utf8Buffer Rent()
    {
        if (Free.TryDequeue(out var buffer))
        {
            buffer.Clear();
            return buffer;
        }

        return new Utf8Buffer(InitialSize);
    }

    public static void Return(Utf8Buffer buffer)
    {
        if (buffer.Capacity <= MaxRetained)
        {
            Free.Enqueue(buffer);
        }
    }
}
