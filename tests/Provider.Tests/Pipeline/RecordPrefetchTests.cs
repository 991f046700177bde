using LoguStyle.Pipeline;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// The record prefetch is a hint on the hot path of every enqueued call: whatever a pool's chunk holds (empty slots,
/// records never captured, so without a companion or a value copy), it reads only what is there and never throws.
/// </summary>
public class RecordPrefetchTests
{
    [Fact]
    public void Ahead_AChunkOfEmptySlotsAndRecordsInEveryState_NeverThrows_AndChangesNoRecord()
    {
        var bare = new LogRecord();
        var withCompanion = new LogRecord();
        withCompanion.EnsureCompanion();
        var withCopy = new LogRecord();
        withCopy.EnsureCompanion().EmptyStateCopy().Add(new("Id", 42));
        LogRecord?[] items = [null, bare, withCompanion, withCopy, null, withCopy, withCompanion, bare, null];

        for (var index = 0; index < items.Length; index++)
        {
            RecordPrefetch.Ahead(items, index);
        }

        RecordPrefetch.Record(bare);

        Assert.Null(bare.Companion);
        Assert.NotNull(withCompanion.Companion);
        Assert.Equal(42, withCopy.Companion!.KeptStateCopy![0].Value);
    }
}
