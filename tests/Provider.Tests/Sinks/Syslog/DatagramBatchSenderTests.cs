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
        var path = _folder.File("log.sock");
        using var reader = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        reader.Bind(new UnixDomainSocketEndPoint(path));
        using var writer = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        writer.Connect(new UnixDomainSocketEndPoint(path));
        var batch = new SyslogBatch(framing: null);
        for (var i = 0; i < Count; i++)
        {
            // Lengths that differ, so a message sent with a neighbour's bounds shows.
            batch.Add(Encoding.UTF8.GetBytes($"<14>message {i} {new string('x', i % 97)}"), isReport: false);
        }

        var received = Task.Run(() =>
        {
            var messages = new List<string>();
            var buffer = new byte[4096];
            while (messages.Count < Count)
            {
                var length = reader.Receive(buffer);
                messages.Add(Encoding.UTF8.GetString(buffer, 0, length));
            }

            return messages;
        });

        new DatagramBatchSender(writer, target: null, sendMany).Send(batch);

        var messages = await received.WaitAsync(Deadline);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"<14>message {i} {new string('x', i % 97)}"), messages);
        reader.Blocking = false;
        Assert.Throws<SocketException>(() => reader.Receive(new byte[16]));
    }
}
