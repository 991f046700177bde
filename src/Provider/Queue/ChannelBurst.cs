using System.Threading.Channels;

namespace LoguStyle.Queue;

/// <summary>
/// The writer's reads of its channel, a burst at a time: up to <see cref="Size"/> records are taken out together, then
/// handed out one by one. Writer only.
/// </summary>
/// <remarks>
/// <para>Why: an unbounded single-reader channel takes a lock for every write, on its queue of items, so the lock's word
/// is in the header of the object whose first field is the head the reader reads for every record. Read one at a time
/// between the logging calls' writes, that cache line went to the writer's core after every record, and the next call's
/// lock had to take it back: a cross-core round trip on the logging thread for every record, about as long as the rest
/// of an enqueued call (docs/benchmarks.md, "What makes the hot path cheap"). Read a burst at a time, the line moves to
/// the writer once a burst, and the callers keep it in between.</para>
/// <para>A record in a burst is still queued as far as the counts go: its place is freed when the writer takes it
/// (<see cref="QueueCounters.Take"/>), as for a record still in the channel. So the room rule, the give-up's count (a
/// take after it fails and the record is let go) and the flush barriers (handed out in order) see no difference.</para>
/// <para>Not for DropOldest: its callers take the oldest record out of the channel themselves to make room, and must
/// find it there, not in the writer's burst. Its writer reads one record at a time, as before.</para>
/// </remarks>
internal sealed class ChannelBurst
{
    /// <summary>How many records the writer takes out of the channel at once.</summary>
    public const int Size = 64;

    private readonly ChannelReader<object> _reader;
    private readonly object?[] _items;
    private int _next;
    private int _count;

    /// <summary>Reads <paramref name="reader"/> in bursts, or one record at a time when callers read it too (<paramref name="sharedWithCallers"/>).</summary>
    public ChannelBurst(ChannelReader<object> reader, bool sharedWithCallers)
    {
        _reader = reader;
        _items = new object?[sharedWithCallers ? 1 : Size];
    }

    /// <summary>
    /// The next item (a record, a flush's marker, or a segment of formatted records), from this burst or a new one; false
    /// when the burst and the channel are both empty.
    /// </summary>
    public bool TryTake(out object record)
    {
        if (_next == _count && !Fill())
        {
            record = null!;
            return false;
        }

        record = _items[_next]!;
        _items[_next++] = null;

        // The caller wrote the next record on its own core: its lines are asked for now, while this one is written. Not
        // by a peek at the channel when the burst is one record (DropOldest): a peek at the queue of a channel with
        // several readers keeps every record taken out of that part of its queue referenced until the part is let go,
        // so a quiet queue kept its last records, and their values, alive (LongValueRetentionTests).
        if (_next < _count)
        {
            Prefetch(_items[_next]!);
        }

        return true;
    }

    // A segment's bytes are read in order, which the processor fetches ahead by itself.
    private static void Prefetch(object item)
    {
        if (item is LogRecord record)
        {
            Pipeline.RecordPrefetch.Record(record);
        }
    }

    private bool Fill()
    {
        _next = 0;
        _count = 0;
        while (_count < _items.Length && _reader.TryRead(out var record))
        {
            _items[_count++] = record;
        }

        return _count > 0;
    }
}
