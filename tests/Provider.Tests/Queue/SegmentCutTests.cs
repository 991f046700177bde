using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// The writer's order for several lanes' segments handed over at once (SegmentCut): the next record is always the lowest
/// ticket among the segments' next records, and a segment's records keep their order.
/// </summary>
public sealed class SegmentCutTests
{
    [Property(MaxTest = 300)]
    public Property RecordsAppendedInTicketOrder_ComeOutInTicketOrder_WhateverLaneEachWentTo() =>
        Prop.ForAll(
            Gen.Choose(0, 3).ListOf().Where(lanes => lanes.Count > 0).ToArbitrary(),
            lanes =>
            {
                // Record n takes ticket n and goes to the lane the generator chose: a cut of up to four lanes.
                var segments = Enumerable.Range(0, 4).Select(_ => new RenderedSegment()).ToArray();
                for (var n = 0; n < lanes.Count; n++)
                {
                    segments[lanes[n]].Add(Bytes(n), DateTimeOffset.UnixEpoch, n);
                }

                return Taken(new SegmentCut([.. segments.Where(segment => segment.Count > 0)]))
                    .SequenceEqual(Enumerable.Range(0, lanes.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)));
            });

    [Fact]
    public void ASegmentsRecords_KeepTheirOrder_EvenWhenTheirTicketsDoNot()
    {
        // Two callers of one lane: the one with ticket 5 appended before the one with ticket 1 (it took its ticket later,
        // and got the lane's lock first). Neither call returned before the other began, so either order is the order of
        // the calls; the lane's order is kept, and the other lane's 3 goes before the head 5.
        var first = new RenderedSegment();
        first.Add(Bytes(5), DateTimeOffset.UnixEpoch, 5);
        first.Add(Bytes(1), DateTimeOffset.UnixEpoch, 1);
        var second = new RenderedSegment();
        second.Add(Bytes(3), DateTimeOffset.UnixEpoch, 3);

        Assert.Equal(["3", "5", "1"], Taken(new SegmentCut([first, second])));
    }

    private static byte[] Bytes(int n) => Encoding.UTF8.GetBytes(n.ToString(CultureInfo.InvariantCulture));

    private static List<string> Taken(SegmentCut cut)
    {
        var taken = new List<string>();
        while (cut.TryTakeNext(out var segment, out var index))
        {
            taken.Add(Encoding.UTF8.GetString(segment.Record(index)));
        }

        return taken;
    }
}
