using System.Text;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Sinks.Syslog;

public sealed class UdpSyslogTransportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Send_ABatch_EachMessageIsOneDatagram_AndTheSendAllocatesNothing()
    {
        using var receiver = new UdpReceiver();
        using var transport = new UdpSyslogTransport("127.0.0.1", receiver.Port);
        transport.Open(CancellationToken.None);
        var messages = Enumerable.Range(0, 100).Select(i => Encoding.UTF8.GetBytes($"<14>1 - - t - - - message {i}")).ToList();
        var batch = new SyslogBatch(framing: null);
        messages.ForEach(m => batch.Add(m, isReport: false));

        // The first send compiles the code; the second, of the same messages batched again (a batch sent is marked so),
        // is measured. Each record's datagram used to allocate the receiver's address afresh (SendTo with an EndPoint).
        transport.Send(batch);
        batch.Clear();
        messages.ForEach(m => batch.Add(m, isReport: false));
        var before = GC.GetAllocatedBytesForCurrentThread();
        transport.Send(batch);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        await Loopback.WaitUntil(() => receiver.Messages.Count == 200, Deadline);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"<14>1 - - t - - - message {i}"), receiver.Messages.Take(100));
        Assert.Equal(receiver.Messages.Take(100), receiver.Messages.Skip(100));
        Assert.Equal(0, allocated);
    }
}
