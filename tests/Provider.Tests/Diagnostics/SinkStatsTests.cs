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
    public async Task DropReport_AQueueWritesIntoItsOwnFileOrConsoleSink_CountsItsBytes_NotAsAWrittenRecord(QueueFullMode mode)
    {
        // Before: the file and console sinks counted the in-band drop report as a written record, so written + dropped
        // + errors came out one above the calls for each report (found by DisposeUnderLoadTests).
        var id = Guid.NewGuid().ToString("N")[..8];
        var path = _folder.File("app.log");
        var console = new MemoryConsole();
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new FileSinkOptions(path, $"file-{id}") { Format = "{message}", Enqueue = true, QueueCapacity = 2, QueueFullMode = mode },
                    WithQueue(console.Sink($"console-{id}", format: "{message}"), mode),
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        using var atWrite = new CountdownEvent(2);
        using var go = new ManualResetEventSlim();
        foreach (var queue in provider.CurrentSinks.Cast<QueuedSink>())
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

        // r0 in each writer's hands, two of r1-r5 queued, three dropped; then the writers go on and report the drops.
        var logger = provider.CreateLogger("c");
        logger.LogInformation("r0");
        Assert.True(atWrite.Wait(Deadline));
        for (var i = 1; i <= 5; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        go.Set();
        await provider.FlushAsync().WaitAsync(Deadline);

        Assert.Contains(File.ReadAllLines(path), line => line.StartsWith("LoguStyle dropped 3 records", StringComparison.Ordinal));
        Assert.Contains(console.Lines, line => line.StartsWith("LoguStyle dropped 3 records", StringComparison.Ordinal));
        foreach (var name in new[] { $"file-{id}", $"console-{id}" })
        {
            Assert.Equal((name, 3L, 3L), (name, _meter.Read("logustyle.records.written", name), _meter.Read("logustyle.records.dropped", name)));
        }

        Assert.Equal(new FileInfo(path).Length, _meter.Read("logustyle.bytes.written", $"file-{id}"));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(console.Text), _meter.Read("logustyle.bytes.written", $"console-{id}"));
        await provider.DisposeAsync();
    }

    private static ConsoleSinkOptions WithQueue(ConsoleSinkOptions sink, QueueFullMode mode)
    {
        sink.Enqueue = true;
        sink.QueueCapacity = 2;
        sink.QueueFullMode = mode;
        return sink;
    }
#endif
}
