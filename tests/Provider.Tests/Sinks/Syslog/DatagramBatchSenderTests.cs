using System.Net.Sockets;
using System.Text;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A batch over a Unix datagram socket (what the local transport sends to <c>/dev/log</c>), with sendmmsg (Linux) and
/// one send a message (elsewhere). The socket makes its sender wait while the reader's queue is full, so nothing is lost
/// and every count is exact.
/// </summary>
public sealed class DatagramBatchSenderTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // 3,000 messages: the kernel takes at most 1,024 datagrams a sendmmsg call, and stops earlier at a full socket, so
    // the sender must go on from where each call stopped.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_ABatchLargerThanOneCallTakes_EveryMessageOnceInOrder(bool sendMany)
    {
        const int Count = 3_000;
        var (reader, writer) = SocketPair();
        using var readerScope = reader;
        using var writerScope = writer;

        // Lengths that differ, so a message sent with a neighbour's bounds shows.
        var batch = Batch(Count);
        var received = ReadAsync(reader, Count);

        new DatagramBatchSender(writer, target: null, sendMany).Send(batch);

        var messages = await received.WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(0, Count).Select(Message), messages);
        reader.Blocking = false;
        Assert.Throws<SocketException>(() => reader.Receive(new byte[16]));
    }

    // A receiver that keeps its socket full (rsyslogd under load over Local) makes the sender wait for room again and
    // again. With sendmmsg (Linux) that wait costs nothing but the wait: no exception a time (the send .NET offers
    // throws a SocketException at a full socket), so the sender allocates nothing however often the socket is full.
    [Fact]
    public async Task Send_AtAFullSocket_WaitsForRoomWithoutAllocating()
    {
        const int Count = 3_000;
        var (reader, writer) = SocketPair();
        using var readerScope = reader;
        using var writerScope = writer;
        var sender = new DatagramBatchSender(writer, target: null);

        // Once with a reader that reads along: the sender's arrays grow to the batch, and its code is compiled.
        var reading = ReadAsync(reader, Count);
        sender.Send(Batch(Count));
        Assert.Equal(Count, (await reading.WaitAsync(Deadline)).Count);

        var batch = Batch(Count);
        var allocated = -1L;
        Exception? failed = null;
        var sending = new Thread(() =>
        {
            try
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                sender.Send(batch);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
            catch (Exception ex)
            {
                failed = ex;
            }
        });
        sending.Start();

        // The reader starts only once the socket is full: the sender has found it full and waits for room.
        var deadline = DateTime.UtcNow + Deadline;
        while (writer.Poll(TimeSpan.Zero, SelectMode.SelectWrite))
        {
            Assert.True(DateTime.UtcNow < deadline, "the socket never filled");
            Thread.Yield();
        }

        var messages = await ReadAsync(reader, Count).WaitAsync(Deadline);
        Assert.True(sending.Join(Deadline));
        Assert.Null(failed);
        Assert.Equal(Enumerable.Range(0, Count).Select(Message), messages);
        Assert.Equal(0, allocated);
    }

    // A datagram socket bound where the local daemon's would be, and the sink's socket connected to it.
    private (Socket Reader, Socket Writer) SocketPair()
    {
        var path = _folder.File("log.sock");
        var reader = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        reader.Bind(new UnixDomainSocketEndPoint(path));
        var writer = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        writer.Connect(new UnixDomainSocketEndPoint(path));
        return (reader, writer);
    }

    private static string Message(int i) => $"<14>message {i} {new string('x', i % 97)}";

    private static SyslogBatch Batch(int count)
    {
        var batch = new SyslogBatch(framing: null);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Encoding.UTF8.GetBytes(Message(i)), isReport: false);
        }

        return batch;
    }

    private static Task<List<string>> ReadAsync(Socket reader, int count) => Task.Run(() =>
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (messages.Count < count)
        {
            var length = reader.Receive(buffer);
            messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }

        return messages;
    });
}
