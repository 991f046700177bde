using LoguStyle.Sinks.Syslog;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// Which messages of a stream batch a failed send got through whole (<see cref="SyslogBatch.MarkAcceptedBytes"/>), for
/// both framings, and what a retry starts from (<see cref="SyslogBatch.SendAgain"/>). Two messages, "hello" and "world":
/// octet-counted "5 hello5 world" (ends 7 and 14), line-feed framed "hello\nworld\n" (ends 6 and 12).
/// </summary>
public sealed class SyslogBatchTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)] // inside the first message's header
    [InlineData(6, 0)] // its last byte cut
    [InlineData(7, 1)]
    [InlineData(8, 1)] // inside the second message's header: "5" of "5 "
    [InlineData(9, 1)] // right after the header
    [InlineData(13, 1)]
    [InlineData(14, 2)]
    public void OctetCounting_AMessageIsSentOnlyWithItsLastByte(int accepted, int sent)
    {
        var batch = Batch(SyslogFraming.OctetCounting);
        batch.MarkAcceptedBytes(accepted);
        Assert.Equal(sent, batch.Sent);
        Assert.Equal(2 - sent, batch.Records);
    }

    [Theory]
    [InlineData(4, 0)] // the message's last byte cut
    [InlineData(5, 1)] // cut right at the line feed: rsyslog takes the stream's end as the message's end
    [InlineData(6, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)] // the second, cut right at its line feed
    [InlineData(12, 2)]
    public void LineFeed_AMessageWhoseLineFeedAloneWasCutIsSent(int accepted, int sent)
    {
        var batch = Batch(SyslogFraming.LineFeed);
        batch.MarkAcceptedBytes(accepted);
        Assert.Equal(sent, batch.Sent);
    }

    [Fact]
    public void SendAgain_AStreamBatchStartsOverWhole_ADatagramBatchGoesOnAfterWhatWasSent()
    {
        var stream = Batch(SyslogFraming.OctetCounting);
        stream.MarkAcceptedBytes(7);
        stream.SendAgain();
        Assert.Equal(0, stream.Sent);
        Assert.Equal(2, stream.Records);

        var datagrams = Batch(framing: null);
        datagrams.MarkSent(1);
        datagrams.SendAgain();
        Assert.Equal(1, datagrams.Sent);
        Assert.Equal(1, datagrams.Records);
    }

    private static SyslogBatch Batch(SyslogFraming? framing)
    {
        var batch = new SyslogBatch(framing);
        batch.Add("hello"u8, isReport: false);
        batch.Add("world"u8, isReport: false);
        return batch;
    }
}
