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

    /// <summary>
    /// A small buffer goes back to the shared RenderBuffers at the clear, once: a second clear (a record not formatted
    /// ahead since) gives nothing back, so two records are never formatted into one buffer. Other tests' queues may take
    /// and give buffers meanwhile, so only what holds whatever they do is asserted.
    /// </summary>
    [Fact]
    public void Clear_AfterASmallRecord_GivesTheBufferBackOnce()
    {
        var (companion, _) = FormattedAhead(100);

        companion.Clear();
        companion.Clear();
        var first = RenderBuffers.Rent();
        var second = RenderBuffers.Rent();

        Assert.False(companion.TryGetRendered(Sink, out _));
        Assert.NotSame(first, second);
        Assert.Equal(0, first.WrittenCount);
        RenderBuffers.Return(first);
        RenderBuffers.Return(second);
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
