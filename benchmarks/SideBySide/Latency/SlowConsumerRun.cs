using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// LoguStyle's queue in front of a sink slower than the callers: 4 threads offer a fixed rate to an enqueued delegate
/// sink (default capacity, 10,000 records) that takes only a lower rate, with one <see cref="QueueFullMode"/>. What the
/// callers see (their calls' durations, how many calls they made) and what the sink never got.
/// </summary>
internal static class SlowConsumerRun
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static string SetupName(QueueFullMode mode) => $"logustyle-enqueued {mode}";

    public static LatencyMeasurement Run(QueueFullMode mode, long offeredPerSecond, long sinkPerSecond, TimeSpan duration)
    {
        var sink = new SlowSink(sinkPerSecond);
        var services = new ServiceCollection().AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddLoguStyle(log => log.AddSink(new DelegateSinkOptions("slow", sink.Take) { Enqueue = true, QueueFullMode = mode })));
        using var container = services.BuildServiceProvider();
        var logger = container.GetRequiredService<ILoggerFactory>().CreateLogger("Bench.Orders");

        // The warm-up runs at full speed into a sink not yet throttled; the measured period starts once the sink has
        // stopped receiving (a dropping mode may have dropped some of the warm-up even so: counted apart).
        var warm = PacedLoad.Run(logger, offeredPerSecond, WarmUp);
        var taken = OutputSettle.WaitUntilStable(() => sink.Taken, "the slow sink's count of records");

        sink.Throttle();
        var measured = MeasuredLoad.Run(() => PacedLoad.Run(logger, offeredPerSecond, duration));

        // Disposing drains the queue at the sink's pace (at most 10,000 records: a fifth of a second at 50,000/s).
        container.Dispose();

        return LatencyMeasurement.From(
            SetupName(mode),
            "slow",
            offeredPerSecond,
            duration,
            measured,
            measured.Load.Calls,
            sink.Taken - taken) with { SinkPerSecond = sinkPerSecond, WarmUpLost = warm.Calls - taken };
    }
}
