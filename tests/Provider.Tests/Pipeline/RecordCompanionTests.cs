using LoguStyle.Formatting;
using LoguStyle.Pipeline;

namespace LoguStyle.Tests.Pipeline;

public class RecordCompanionTests
{
    private static readonly object Sink = new();

    /// <summary>A buffer a huge record was formatted into ahead of time is not kept for the record's next, small uses.</summary>
    [Fact]
    public void Clear_AfterAHugeRecordWasFormattedAhead_DropsItsBuffer()
    {
        var (companion, buffer) = FormattedAhead(100_000);

        companion.Clear();

        Assert.NotSame(buffer, companion.BeginRender());
    }

    /// <summary>A small buffer stays for the next record, also when a record was not formatted ahead before the clear.</summary>
    [Fact]
    public void Clear_AfterASmallRecord_AndWithoutFormattingAhead_KeepsTheBuffer()
    {
        var (companion, buffer) = FormattedAhead(100);

        companion.Clear();
        companion.Clear();

        Assert.Same(buffer, companion.BeginRender());
        Assert.Equal(0, buffer.WrittenCount);
    }

    private static (RecordCompanion Companion, Utf8Buffer Buffer) FormattedAhead(int bytes)
    {
        var companion = new LogRecord().EnsureCompanion();
        var buffer = companion.BeginRender()!;
        buffer.Write(new byte[bytes]);
        companion.EndRender(Sink);
        return (companion, buffer);
    }
}
