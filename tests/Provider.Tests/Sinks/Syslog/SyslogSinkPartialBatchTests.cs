using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A datagram batch whose send fails part-way, on a real Unix datagram socket (what <c>Local</c> sends to): the kernel
/// took the first datagrams, so the retry after the reconnect must send only the rest, or those arrive twice.
/// </summary>
public sealed partial class SyslogSinkPartialBatchTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // How the kernel fails a send part-way: the reader does not read, so its queue fills (10 datagrams by default) and
    // the sender's sendmmsg waits in the middle of the batch; the reader then shuts its receiving side, as a daemon
    // going away does, and the waiting call returns the datagrams it queued while the next send fails (EPIPE). What was
    // queued stays readable, so the test knows exactly what the first reader got; a second reader at the same path then
    // takes the retry.
    [Fact]
    public async Task Local_ReaderGoesAwayMidBatch_TheRetrySendsOnlyTheDatagramsNotSent_EveryRecordOnce()
    {
        const int Count = 200;
        var path = _folder.File("log.sock");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var stderr = new StringWriter();
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Local, Host = path, AppName = "t" } } },
            time,
            TextWriter.Synchronized(stderr));
        var logger = provider.CreateLogger("c");

        // Nobody at the path yet: record 0 waits in the batch for the reconnect (1 s on the fake clock), and the rest
        // wait in the queue, so they go out as one batch of 199 after it.
        logger.LogInformation("m {I}", 0);
        await Loopback.WaitUntil(() => Retries(stderr) == 1, Deadline);
        for (var i = 1; i < Count; i++)
        {
            logger.LogInformation("m {I}", i);
        }

        var first = new List<int>();
        using (var reader = Bind(path))
        {
            time.Advance(TimeSpan.FromSeconds(1));

            // Record 1 is the big batch's first: once it is here, that batch's sendmmsg is under way and waits on the
            // full queue, far short of its 199.
            while (!first.Contains(1))
            {
                first.Add(await ReceiveAsync(reader));
            }

            // The failure's warning is said once a minute on the provider's clock; a minute on, this one is said too.
            time.Advance(TimeSpan.FromMinutes(1));
            reader.Shutdown(SocketShutdown.Receive);
            first.AddRange(Drain(reader));

            await Loopback.WaitUntil(() => Retries(stderr) == 2, Deadline);
        }

        File.Delete(path);
        using var second = Bind(path);
        var rest = Task.Run(async () =>
        {
            var numbers = new List<int>();
            while (!numbers.Contains(Count - 1))
            {
                numbers.Add(await ReceiveAsync(second));
            }

            return numbers;
        });
        time.Advance(TimeSpan.FromSeconds(1));
        var retried = await rest.WaitAsync(Deadline);
        await provider.FlushAsync().WaitAsync(Deadline);
        second.Blocking = false;
        Assert.Throws<SocketException>(() => second.Receive(new byte[16]));

        // The first reader got record 0 and part of the batch, never all of it; the second must get exactly the rest.
        Assert.InRange(first.Count, 2, Count - 1);
        Assert.Equal(Enumerable.Range(0, Count), first.Concat(retried));
        Assert.Equal(Count, provider.CurrentSinks[0].Stats.Written);
    }

    private static int Retries(StringWriter stderr) => Regex.Count(stderr.ToString(), "retrying in 1 s");

    private static Socket Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    // The record number of the next datagram ("... c - m 17").
    private static async Task<int> ReceiveAsync(Socket reader)
    {
        var buffer = new byte[2048];
        return Number(buffer, await reader.ReceiveAsync(buffer).WaitAsync(Deadline));
    }

    // What a reader whose receiving side is shut still holds: nothing joins it after the shutdown, so reading until it
    // is empty is exact.
    private static List<int> Drain(Socket reader)
    {
        reader.Blocking = false;
        var numbers = new List<int>();
        var buffer = new byte[2048];
        while (true)
        {
            try
            {
                numbers.Add(Number(buffer, reader.Receive(buffer)));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                return numbers;
            }
        }
    }

    private static int Number(byte[] buffer, int length) =>
        int.Parse(RecordNumber().Match(Encoding.UTF8.GetString(buffer, 0, length)).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@" m (\d+)$")]
    private static partial Regex RecordNumber();
}
