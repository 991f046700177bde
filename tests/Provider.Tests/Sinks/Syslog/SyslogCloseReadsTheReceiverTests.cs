using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LoguStyle.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A stream connection's close reads what the receiver sent before it closes the socket: a socket closed with bytes it
/// has not read sends a reset instead of a FIN, which discards what its kernel still holds for the receiver (records the
/// sink counted written) and makes the receiver drop what it has not read. The sink's watch reads the receiver's bytes
/// on the pool, which a loaded or starved process runs late or never (a TLS reload from 4 connections to 1 to 3 lost
/// 275 of 54,284 records at rsyslogd in a loaded test run; an outside run saw rsyslogd's "Incomplete frame at end of
/// stream" at a reload).
/// </summary>
public sealed partial class SyslogCloseReadsTheReceiverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// TestApp syslog-exit over TCP with the pool starved once connected: the receiver (this process, a 4 KB window) sends
    /// a few bytes, which the sink's watch never reads, and reads nothing until the app has ended; the app logs 600
    /// records and exits, its drain hands every one to the kernel and ends the connection. The receiver must then read
    /// every record and a FIN: before, the close's reset ended the connection after 17 and 52 of the 600 records.
    /// </summary>
    [Fact]
    public async Task EnvironmentExit_PoolStarved_BytesFromTheReceiverUnreadByTheWatch_TheConnectionEndsWithAFin_EveryRecordArrives()
    {
        const int PerThread = 300;
        using var listener = new TcpListener(IPAddress.Loopback, 0);

        // A small window: much of what the app sends is still in its kernel when it ends (the receiver reads only then).
        listener.Server.ReceiveBufferSize = 4096;
        listener.Start();
        var exited = new TaskCompletionSource();
        var accepted = new TaskCompletionSource<NetworkStream>();
        var receiving = ReceiveAsync(listener, accepted, exited.Task);

        using var folder = new TempFolder();
        using (var process = RunningProcess.StartDotnet(
            RepositoryPaths.TestApp,
            ["syslog-exit", ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture), "-", PerThread.ToString(CultureInfo.InvariantCulture), "1", "exit", "starved"],
            folder.Path))
        {
            // Its pool starved: the bytes sent now sit in its socket, unread (loopback puts them there as the send returns).
            await process.WaitForLineAsync(line => line == "starved", Deadline);
            await (await accepted.Task.WaitAsync(Deadline)).WriteAsync("ack"u8.ToArray());
            await File.WriteAllTextAsync(folder.File("go"), string.Empty);
            var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            exited.SetResult();
            Assert.True(code == 3, $"exit code {code}: {process.StandardError}");
        }

        var (text, reset) = await receiving.WaitAsync(Deadline);
        var records = Record().Matches(text).Select(match => (Thread: match.Groups[1].Value, Index: int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.False(reset, $"the connection ended with a reset after {records.Count} of {2 * PerThread} records");
        foreach (var thread in new[] { "0", "1" })
        {
            Assert.Equal(Enumerable.Range(0, PerThread), records.Where(r => r.Thread == thread).Select(r => r.Index));
        }
    }

    // Reads one connection to its end (its stream handed out for the test's bytes). True when the end was a reset.
    private static async Task<(string Text, bool Reset)> ReceiveAsync(TcpListener listener, TaskCompletionSource<NetworkStream> accepted, Task exited)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        accepted.SetResult(stream);
        await exited;
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return (text.ToString(), false);
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return (text.ToString(), true);
        }
    }

    // From the message's structured data (a frame's MSG runs into the next frame's length: "exit 0 0111 <14>1 ...").
    [GeneratedRegex(@"Thread=""([01])"" Index=""(\d+)""")]
    private static partial Regex Record();
}
