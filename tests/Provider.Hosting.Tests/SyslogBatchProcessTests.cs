using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LoguStyle.Testing;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/syslog.md, "How it works": over TCP the queue's writer gathers records into a batch, sent once it holds 1,000
/// records or 64 KiB (or the queue runs empty), and a batch is one write. The fault app logs 20,000 records to a
/// loopback listener under <c>strace</c>, which shows each send on the connection's socket with its length.
/// </summary>
public partial class SyslogBatchProcessTests : IDisposable
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

        var sends = Sends(File.ReadAllLines(trace), port);
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

    private static async Task<byte[]> ReceiveAllAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        using var stream = client.GetStream();
        using var all = new MemoryStream();
        await stream.CopyToAsync(all);
        return all.ToArray();
    }

    /// <summary>
    /// The sends on the socket connected to <paramref name="port"/>: the length asked and the length the kernel took.
    /// strace -f prefixes each line with the thread id; a call another thread interrupts is split into an
    /// <c>&lt;unfinished ...&gt;</c> line and a <c>&lt;... resumed&gt;</c> line.
    /// </summary>
    private static List<(int Asked, int Sent)> Sends(IEnumerable<string> lines, int port)
    {
        string? socket = null;
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);   // thread -> length asked by its unfinished send
        var sends = new List<(int, int)>();
        foreach (var line in lines)
        {
            if (socket is null)
            {
                if (Connect().Match(line) is { Success: true } connect && connect.Groups["port"].Value == port.ToString(CultureInfo.InvariantCulture))
                {
                    socket = connect.Groups["fd"].Value;
                }

                continue;
            }

            if (Send().Match(line) is { Success: true } send && send.Groups["fd"].Value == socket)
            {
                var asked = int.Parse(send.Groups["asked"].Value, CultureInfo.InvariantCulture);
                if (send.Groups["sent"].Success)
                {
                    sends.Add((asked, int.Parse(send.Groups["sent"].Value, CultureInfo.InvariantCulture)));
                }
                else
                {
                    pending[send.Groups["tid"].Value] = asked;
                }
            }
            else if (Resumed().Match(line) is { Success: true } resumed && pending.Remove(resumed.Groups["tid"].Value, out var askedBefore))
            {
                sends.Add((askedBefore, int.Parse(resumed.Groups["sent"].Value, CultureInfo.InvariantCulture)));
            }
        }

        Assert.NotNull(socket);
        return sends;
    }

    [GeneratedRegex("""^\d+\s+connect\((?<fd>\d+), \{sa_family=AF_INET, sin_port=htons\((?<port>\d+)\)""")]
    private static partial Regex Connect();

    [GeneratedRegex("""^(?<tid>\d+)\s+(sendto|write)\((?<fd>\d+), ".*"\.*, (?<asked>\d+)(, [^)]*)?(\) = (?<sent>\d+)| <unfinished)""")]
    private static partial Regex Send();

    [GeneratedRegex("""^(?<tid>\d+)\s+<\.\.\. (sendto|write) resumed>.*\) = (?<sent>\d+)""")]
    private static partial Regex Resumed();
}
