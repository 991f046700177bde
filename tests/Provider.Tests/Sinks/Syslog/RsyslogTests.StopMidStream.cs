using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// rsyslogd stopped with SIGTERM while records stream in over TCP, and started again: where the records the sink
/// counted as written but that never arrive are lost. strace on the stopped rsyslogd shows what it read from its socket.
/// </summary>
public sealed partial class RsyslogTests
{
    [Fact]
    public async Task Tcp_ReceiverStoppedMidStream_RecordsLostAreOnlyThoseItNeverReadFromItsSocket()
    {
        using var receiver = await StartAsync(SyslogProtocol.Tcp);
        var syslog = Options(receiver, SyslogProtocol.Tcp, o =>
        {
            o.Format = "{message}";
            o.QueueFullMode = QueueFullMode.Wait;
            o.QueueCapacity = 100;
        });
        syslog.FirstBackoff = TimeSpan.FromMilliseconds(100);
        syslog.MaxBackoff = TimeSpan.FromMilliseconds(200);
        const int Threads = 4;
        Sink sink;
        int[] logged;
        List<string> streams;
        List<string> unreadable;
        using (var reads = await StraceReceiverReads.AttachAsync(receiver.ProcessId, _folder.Path))
        {
            await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { syslog } }, TimeProvider.System, _errors))
            {
                sink = provider.CurrentSinks[0];
                await using (var producers = new NumberedProducers(provider.CreateLogger("c"), Threads))
                {
                    // Wait mode: the threads log as fast as rsyslogd reads, so the stop falls while records stream in, once it has
                    // read and written some.
                    producers.WaitForEach(2_000, Deadline);
                    await receiver.WaitForAsync(App, 100, Deadline);
                    await receiver.StopAsync();
                    await reads.ExitedAsync(Deadline);
                    await receiver.StartAsync();
                    producers.WaitForEach(2_000, Deadline);
                    logged = await producers.StopAsync(Deadline);
                }

                await provider.FlushAsync().WaitAsync(Deadline);
            }

            streams = [.. reads.Streams(out unreadable)];
        }

        // Every session closed (the sink's FIN read), then a stop: rsyslogd writes out its queue before it exits.
        var until = DateTime.UtcNow + Deadline;
        while (receiver.HasOpenSessions())
        {
            Assert.True(DateTime.UtcNow < until, "rsyslogd did not close the sink's session");
            await Task.Delay(20);
        }

        await receiver.StopAsync();

        // The sink counted every record written: none dropped or failed in Wait mode with the receiver back.
        Assert.Equal(logged.Sum(), sink.Stats.Written);
        Assert.Equal(0, sink.Stats.Dropped);
        Assert.Equal(0, sink.Errors.FailedRecords);

        Assert.Empty(unreadable);
        // Whole frames only: a frame rsyslogd read only part of when it was stopped is not a message it could keep.
        var read = streams.SelectMany(WholeFrames).SelectMany(frame => SdThreadIndex().Matches(frame)).Select(Numbers).ToHashSet();
        Assert.NotEmpty(read);
        var arrived = receiver.Received(App).Where(m => m.Params.ContainsKey("logustyle@32473"))
            .Select(m => (int.Parse(m.Params["logustyle@32473"]["T"], CultureInfo.InvariantCulture), int.Parse(m.Params["logustyle@32473"]["I"], CultureInfo.InvariantCulture)))
            .ToList();
        var arrivedOnce = arrived.ToHashSet();

        // rsyslogd's queue lost nothing: every record the stopped rsyslogd read from its socket is in its file.
        var lostInItsQueue = read.Where(record => !arrivedOnce.Contains(record)).ToList();
        Assert.True(lostInItsQueue.Count == 0, $"{lostInItsQueue.Count} record(s) rsyslogd read are not in its file, the first {lostInItsQueue.FirstOrDefault()}");

        var report = new List<string>();
        for (var t = 0; t < Threads; t++)
        {
            var missing = Enumerable.Range(0, logged[t]).Where(i => !arrivedOnce.Contains((t, i))).ToList();
            var lastRead = read.Where(record => record.Thread == t).Select(record => record.Index).DefaultIfEmpty(-1).Max();
            report.Add($"thread {t}: last read by the stopped rsyslogd {lastRead}, missing {missing.Count}");
            if (missing.Count > 0)
            {
                // What is missing is the run of records the sink sent after the last one rsyslogd read: bytes its kernel
                // had taken into the socket and that rsyslogd, stopping, never read (its exit discards them).
                Assert.Equal(Enumerable.Range(lastRead + 1, missing.Count), missing);
            }
        }

        // A record arrives twice only when a batch whose write failed part-way is sent again whole, and then only if
        // the stopped rsyslogd had read its first copy. Each thread's records arrive in order (first copies).
        var twice = arrived.GroupBy(record => record).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.All(twice, record => Assert.Contains(record, read));
        for (var t = 0; t < Threads; t++)
        {
            var order = arrived.Where(record => record.Item1 == t).Select(record => record.Item2).Distinct().ToList();
            Assert.Equal(order.Order(), order);
        }

        _output.WriteLine($"logged {logged.Sum()}, written {sink.Stats.Written}, read by the stopped rsyslogd {read.Count}, arrived {arrivedOnce.Count} ({twice.Count} twice); {string.Join("; ", report)}");
    }

    /// <summary>The octet-counted frames (RFC 6587 3.4.1, <c>MSG-LEN SP SYSLOG-MSG</c>) of a stream that are whole in it.</summary>
    private static IEnumerable<string> WholeFrames(string stream)
    {
        var at = 0;
        while (true)
        {
            var space = stream.IndexOf(' ', at);
            if (space < 0 || !int.TryParse(stream.AsSpan(at, space - at), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || space + 1 + length > stream.Length)
            {
                yield break;
            }

            yield return stream.Substring(space + 1, length);
            at = space + 1 + length;
        }
    }

    private static (int Thread, int Index) Numbers(Match match) =>
        (int.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["i"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""\[logustyle@32473 T="(?<t>\d+)" I="(?<i>\d+)"\]""")]
    private static partial Regex SdThreadIndex();
}
