namespace LoguStyle.Queue;

/// <summary>
/// The open segments of several lanes of a <see cref="RenderedSegments"/>, handed over at once (under every lane's
/// lock): one item of the channel, whose records the writer takes in the order of their tickets across the segments.
/// </summary>
/// <remarks>
/// <para>Why in one item and merged: a record logged after another record's call returned, on any thread, must be
/// written after it; the two may sit in different lanes' segments. Every lane is handed over at once, so the earlier
/// record is in this cut or an earlier item; and its ticket is lower (a caller takes its ticket before it appends, so
/// every record before the earlier one in its lane took its ticket before the later call began). The writer takes,
/// each time, the segment whose next record has the lowest ticket; within a segment the records stay in the order they
/// were appended, so each thread's records stay in order.</para>
/// </remarks>
internal sealed class SegmentCut(List<RenderedSegment> segments)
{
    private readonly int[] _next = new int[segments.Count];

    /// <summary>The segments, in lane order.</summary>
    public IReadOnlyList<RenderedSegment> Segments => segments;

    /// <summary>The records in the cut.</summary>
    public int Count => segments.Sum(segment => segment.Count);

    /// <summary>
    /// The next record to write: the segment and index of the next record with the lowest ticket among the segments'
    /// next records; false once every record was taken.
    /// </summary>
    public bool TryTakeNext(out RenderedSegment segment, out int index)
    {
        var best = -1;
        for (var k = 0; k < segments.Count; k++)
        {
            if (_next[k] < segments[k].Count
                && (best < 0 || segments[k].Ticket(_next[k]) < segments[best].Ticket(_next[best])))
            {
                best = k;
            }
        }

        if (best < 0)
        {
            (segment, index) = (null!, -1);
            return false;
        }

        (segment, index) = (segments[best], _next[best]++);
        return true;
    }
}
