using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LoguStyle.Hosting.Tests.Support;
using LoguStyle.Testing;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/syslog.md, "How it works": over TCP the queue's writer gathers records into a batch, sent once it holds 1,000
/// records or 64 KiB (or the queue runs empty), and a batch is one write. The fault app logs 20,000 records to a
/// loopback listener under <c>strace</c>, which shows each send on the connection's socket with its length.
/// </summary>
public class SyslogBatchProcessTests : IDisposable
{
    private const int Records = 20_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Tcp_ABatchIsOneWrite_OfWholeMessages_UpTo64KiBAndTheMessageThatCrossedIt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = ReceiveAllAsync(listener);
        var trace = _folder.File("strace.txt");

        var run = await ProcessRun.StartAsync(
            "strace",
            ["-f", "-qq", "-e", "trace=connect,sendto,sendmsg,write,writev", "-o", trace, "dotnet", RepositoryPaths.FaultApp, "syslog-batch", port.ToString(CultureInfo.InvariantCulture)],
            _folder.Path,
            new Dictionary<string, string?>(),
            Deadline);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var bytes = await received.WaitAsync(Deadline);

        // Every record, in order, each an octet-counted frame (RFC 6587): "LEN SP MSG".
        var frameEnds = new HashSet<long>();
        var messages = new List<string>();
        for (var at = 0; at < bytes.Length;)
        {
            var space = Array.IndexOf(bytes, (byte)' ', at);
            var length = int.Parse(Encoding.ASCII.GetString(bytes, at, space - at), CultureInfo.InvariantCulture);
            messages.Add(Encoding.UTF8.GetString(bytes, space + 1, length));
            at = space + 1 + length;
            frameEnds.Add(at);
        }

        Assert.Equal(Records, messages.Count);
        Assert.All(messages.Select((m, i) => (m, i)), x => Assert.Contains($"record {x.i} ", x.m, StringComparison.Ordinal));
        var longestFrame = messages.Max(m => Encoding.UTF8.GetByteCount(m)) + 7;

        var (sends, unread) = StraceSends.Read(File.ReadAllLines(trace), port);
        Assert.True(unread.Count == 0, $"lines on the socket not understood: {string.Join(Environment.NewLine, unread)}");
        Assert.Equal(bytes.Length, sends.Sum(s => (long)s.Sent));

        // A write the kernel took whole ends on a message boundary: a batch is written whole, never a record at a time
        // nor a message cut in two (a send the kernel took in part is continued by the next).
        long offset = 0;
        foreach (var (asked, sent) in sends)
        {
            Assert.True(asked <= 64 * 1024 + longestFrame, $"a write of {asked} bytes: more than a batch");
            offset += sent;
            Assert.True(sent < asked || frameEnds.Contains(offset), $"a write of {asked} bytes ended inside a message at {offset}");
        }

        // Batches, not records: under strace each send costs far more than logging a record, so records gather.
        Assert.True(sends.Count <= Records / 5, $"{sends.Count} writes for {Records} records");
    }

    /// <summary>
    /// docs/syslog.md, "How it works": over UDP a batch is one <c>sendmmsg</c> (Linux), not a system call per datagram.
    /// Each datagram is still one whole message, and every record is handed to the kernel exactly once.
    /// </summary>
    [Fact]
    public async Task Udp_ABatchIsOneSystemCall_EveryRecordADatagramOnce()
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        using var stop = new CancellationTokenSource();
        var received = ReceiveDatagramsAsync(listener, stop.Token);
        var trace = _folder.File("strace.txt");

        var run = await ProcessRun.StartAsync(
            "strace",
            ["-f", "-qq", "-e", "trace=socket,sendto,sendmsg,sendmmsg", "-o", trace, "dotnet", RepositoryPaths.FaultApp, "syslog-batch", port.ToString(CultureInfo.InvariantCulture), "udp"],
            _folder.Path,
            new Dictionary<string, string?>(),
            Deadline);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        await stop.CancelAsync();
        var messages = await received;

        var (calls, datagrams, unread) = DatagramSends(File.ReadAllLines(trace));
        Assert.True(unread.Count == 0, $"lines on the socket not understood: {string.Join(Environment.NewLine, unread)}");
        Assert.Equal(Records, datagrams);
        Assert.True(calls <= Records / 20, $"{calls} system calls for {Records} datagrams");

        // UDP may lose datagrams in the kernel (the listener's buffer); those that arrived are whole records, once each, in order.
        var numbers = messages.Select(m => int.Parse(System.Text.RegularExpressions.Regex.Match(m, "record (\\d+) ").Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(numbers);
        Assert.Equal(numbers.Order().Distinct(), numbers);
    }

    /// <summary>
    /// The system calls that sent datagrams on the UDP sockets of an <c>strace -f</c> trace, and how many datagrams they
    /// sent (a <c>sendmmsg</c> returns how many it sent); a call on such a socket that is none of these is returned unread.
    /// </summary>
    private static (int Calls, long Datagrams, List<string> Unread) DatagramSends(IEnumerable<string> lines)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Dictionary<string, string>(StringComparer.Ordinal);   // thread -> the call it left unfinished
        var (calls, datagrams, unread) = (0, 0L, new List<string>());
        foreach (var line in lines)
        {
            var fields = System.Text.RegularExpressions.Regex.Match(line, """^(?<tid>\d+)\s+(<\.\.\. (?<resumed>\w+) resumed>|(?<call>\w+)\((?<fd>\d+)?)""");
            var result = System.Text.RegularExpressions.Regex.Match(line, """\)\s+= (?<n>-?\d+)( [A-Z]+ \([^)]*\))?$""");
            if (!fields.Success)
            {
                continue;
            }

            var tid = fields.Groups["tid"].Value;
            var call = fields.Groups["call"].Value;
            if (call == "socket")
            {
                if (line.Contains("SOCK_DGRAM", StringComparison.Ordinal) && line.Contains("IPPROTO_UDP", StringComparison.Ordinal) && result.Success)
                {
                    sockets.Add(result.Groups["n"].Value);
                }

                continue;
            }

            if (fields.Groups["resumed"].Success)
            {
                if (!pending.Remove(tid, out call!))
                {
                    continue;
                }
            }
            else if (!sockets.Contains(fields.Groups["fd"].Value))
            {
                continue;
            }
            else if (line.EndsWith("<unfinished ...>", StringComparison.Ordinal))
            {
                pending[tid] = call;
                continue;
            }

            if (call is not ("sendmmsg" or "sendmsg" or "sendto") || !result.Success)
            {
                unread.Add(line);
                continue;
            }

            calls++;
            var n = long.Parse(result.Groups["n"].Value, CultureInfo.InvariantCulture);
            datagrams += n < 0 ? 0 : call == "sendmmsg" ? n : 1;
        }

        unread.AddRange(pending.Select(p => $"thread {p.Key}: a {p.Value} never resumed"));
        return (calls, datagrams, unread);
    }

    private static async Task<List<string>> ReceiveDatagramsAsync(UdpClient listener, CancellationToken stop)
    {
        var messages = new List<string>();
        try
        {
            while (true)
            {
                var datagram = await listener.ReceiveAsync(stop);
                messages.Add(Encoding.UTF8.GetString(datagram.Buffer));
            }
        }
        catch (OperationCanceledException)
        {
            return messages;
        }
    }

    private static async Task<byte[]> ReceiveAllAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var all = new MemoryStream();
        await stream.CopyToAsync(all);
        return all.ToArray();
    }
}
