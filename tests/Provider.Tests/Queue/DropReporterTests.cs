using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Issue 15: under sustained overload the drop report was written after almost every record (980,000 lines in 30 s).
/// Now at most once a second in the sink and once a minute on stderr, each with the count since its own last report.
/// </summary>
public class DropReporterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Drops_AreReportedInTheSinkAtMostOnceASecond_AndOnStderrAtMostOnceAMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        using var release = new ManualResetEventSlim(initialState: true);
        using var blocked = new ManualResetEventSlim();
        var reports = new ConcurrentQueue<string>();
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new DelegateSinkOptions("d", r =>
                    {
                        if (r.Category == "LoguStyle")
                        {
                            reports.Enqueue(r.Message);
                            return;
                        }

                        if (r.Message == "a")
                        {
                            blocked.Set();
                            release.Wait();
                        }
                    })
                    { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.DropWrite },
                },
            },
            time,
            TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var queue = provider.CurrentSinks.OfType<QueuedSink>().Single();

        async Task Round()
        {
            release.Reset();
            blocked.Reset();
            logger.LogInformation("a");
            Assert.True(blocked.Wait(Deadline));
            logger.LogInformation("q");
            for (var i = 0; i < 5; i++)
            {
                logger.LogInformation("dropped");
            }

            release.Set();
            await provider.FlushAsync().WaitAsync(Deadline);

            // The flush completes at its barrier; the writer looks at the drops again when the queue runs empty, after
            // it. Advanced before that look, the clock would let that look report this round's drops early.
            Assert.True(SpinWait.SpinUntil(() => queue.WriterIsIdle, Deadline));
        }

        await Round();
        await Round();
        time.Advance(TimeSpan.FromSeconds(1));
        await Round();
        time.Advance(TimeSpan.FromSeconds(60));
        await Round();
        await provider.DisposeAsync();

        Assert.Equal(["5", "10", "5"], reports.Select(Count).ToArray());
        Assert.Equal(["5", "15"], Regex.Matches(errors.ToString(), "dropped ([0-9]+) records").Select(m => m.Groups[1].Value).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShortLivedOverload_TheStderrLinesAddUpToEveryDrop_WhenTheQueueCloses(bool byReload)
    {
        // Issue 15: a run of seconds lost 897,000 records and stderr said 4,786 (its one line a minute). Two overloads
        // within one (fake) minute: the first is reported at once, the second only by the line at close.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var name = $"overload-{Guid.NewGuid():N}";
        using var release = new ManualResetEventSlim();
        using var blocked = new ManualResetEventSlim();
        using var meter = new SinkMeter();
        var errors = new StringWriter();
        long written = 0;
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new DelegateSinkOptions(name, r =>
                    {
                        if (r.Category == "LoguStyle")
                        {
                            return;
                        }

                        Interlocked.Increment(ref written);
                        if (r.Message == "block")
                        {
                            blocked.Set();
                            release.Wait();
                        }
                    })
                    { Enqueue = true, QueueCapacity = 16, QueueFullMode = QueueFullMode.DropWrite },
                },
            },
            time,
            TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var logged = 0;
        for (var round = 0; round < 2; round++)
        {
            release.Reset();
            blocked.Reset();
            logger.LogInformation("block");
            Assert.True(blocked.Wait(Deadline));
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("r");
            }

            logged += 101;
            release.Set();
            await provider.FlushAsync().WaitAsync(Deadline);
        }

        var dropped = meter.Read("logustyle.records.dropped", name);
        if (byReload)
        {
            provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("after", _ => { }) } });
        }

        await provider.DisposeAsync();

        var lines = Regex.Matches(errors.ToString(), "dropped ([0-9]+) records from sink '" + name + "'").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(168, dropped);
        Assert.Equal([84L, 84L], lines);
        Assert.Equal(dropped, logged - Interlocked.Read(ref written));
        Assert.Contains("; 168 dropped in all", errors.ToString(), StringComparison.Ordinal);
    }

    private static string Count(string report) => Regex.Match(report, "dropped ([0-9]+) records").Groups[1].Value;
}
