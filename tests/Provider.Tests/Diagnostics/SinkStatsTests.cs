using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Diagnostics;

/// <summary>What a sink's counts count: logged calls as records, every byte it wrote as bytes.</summary>
public sealed class SinkStatsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

#if DEBUG
    [Theory]
    [InlineData(QueueFullMode.DropWrite)]
    [InlineData(QueueFullMode.DropOldest)]
    public async Task DropReport_AQueueWritesIntoItsOwnSink_EveryKind_CountsItsBytes_NotAsAWrittenRecord(QueueFullMode mode)
    {
        // Each sink kind counted the in-band drop report as a written record once (file and console, found by
        // DisposeUnderLoadTests; syslog after them), so written + dropped + errors came out one above the calls a report.
        var id = Guid.NewGuid().ToString("N")[..8];
        var path = _folder.File("app.log");
        var console = new MemoryConsole();
        using var receiver = new UdpReceiver();
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new FileSinkOptions(path, $"file-{id}") { Format = "{message}", Enqueue = true, QueueCapacity = 2, QueueFullMode = mode },
                    WithQueue(console.Sink($"console-{id}", format: "{message}"), mode),
                    WithQueue(new SyslogSinkOptions($"syslog-{id}") { Port = receiver.Port, AppName = "t", Format = "{message}" }, mode),
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        await DropThreeBehindTheFirstRecord(provider);
        await Loopback.WaitUntil(() => receiver.Messages.Count == 4, Deadline);
        await provider.DisposeAsync();

        Assert.Contains(File.ReadAllLines(path), line => line.StartsWith("LoguStyle dropped 3 records", StringComparison.Ordinal));
        Assert.Contains(console.Lines, line => line.StartsWith("LoguStyle dropped 3 records", StringComparison.Ordinal));
        Assert.Contains(receiver.Messages, message => message.Contains("LoguStyle dropped 3 records", StringComparison.Ordinal));
        foreach (var name in new[] { $"file-{id}", $"console-{id}", $"syslog-{id}" })
        {
            Assert.Equal((name, 3L, 3L), (name, _meter.Read("logustyle.records.written", name), _meter.Read("logustyle.records.dropped", name)));
        }

        Assert.Equal(new FileInfo(path).Length, _meter.Read("logustyle.bytes.written", $"file-{id}"));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(console.Text), _meter.Read("logustyle.bytes.written", $"console-{id}"));
        Assert.Equal(receiver.Messages.Sum(message => (long)System.Text.Encoding.UTF8.GetByteCount(message)), _meter.Read("logustyle.bytes.written", $"syslog-{id}"));
    }

    // r0 in each writer's hands, two of r1-r5 queued, three dropped; then the writers go on, report the drops, and the
    // provider's flush returns once they are written.
    private static async Task DropThreeBehindTheFirstRecord(LoguStyleLoggerProvider provider)
    {
        var queues = provider.CurrentSinks.Cast<QueuedSink>().ToArray();
        using var atWrite = new CountdownEvent(queues.Length);
        using var go = new ManualResetEventSlim();
        foreach (var queue in queues)
        {
            var first = 1;
            queue.BeforeInnerWrite = () =>
            {
                if (Interlocked.Exchange(ref first, 0) == 1)
                {
                    atWrite.Signal();
                    go.Wait(Deadline);
                }
            };
        }

        var logger = provider.CreateLogger("c");
        logger.LogInformation("r0");
        Assert.True(atWrite.Wait(Deadline));
        for (var i = 1; i <= 5; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        go.Set();
        await provider.FlushAsync().WaitAsync(Deadline);
    }

    private static TSink WithQueue<TSink>(TSink sink, QueueFullMode mode)
        where TSink : SinkOptions
    {
        sink.Enqueue = true;
        sink.QueueCapacity = 2;
        sink.QueueFullMode = mode;
        return sink;
    }
#endif
}
