using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// A provider's queue in front of a sink slower than the callers: 4 threads offer a fixed rate to a queue (one of
/// <see cref="SlowSetups"/>) whose sink takes only a lower rate. What the callers see (their calls' durations, how many
/// calls they made) and what the sink never got.
/// </summary>
internal static class SlowConsumerRun
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static LatencyMeasurement Run(SlowSetup setup, long offeredPerSecond, long sinkPerSecond, TimeSpan duration)
    {
        var sink = new SlowSink(sinkPerSecond);
        var logging = setup.Create(sink);
        var logger = logging.Factory.CreateLogger("Bench.Orders");

        // The warm-up runs at full speed into a sink not yet throttled; the measured period starts once the sink has
        // stopped receiving (a dropping mode may have dropped some of the warm-up even so: counted apart).
        var warm = PacedLoad.Run(logger, offeredPerSecond, WarmUp);
        var taken = OutputSettle.WaitUntilStable(() => sink.Taken, "the slow sink's count of records");

        sink.Throttle();
        var measured = MeasuredLoad.Run(() => PacedLoad.Run(logger, offeredPerSecond, duration));

        // Disposing drains the queue at the sink's pace: a fifth of a second for 10,000 records at 50,000/s, longer
        // for a queue that grew (the time is reported).
        var draining = System.Diagnostics.Stopwatch.StartNew();
        logging.Dispose();
        var drainMs = draining.Elapsed.TotalMilliseconds;

        return LatencyMeasurement.From(
            setup.Name,
            "slow",
            offeredPerSecond,
            duration,
            measured,
            measured.Load.Calls,
            sink.Taken - taken) with { SinkPerSecond = sinkPerSecond, WarmUpLost = warm.Calls - taken, DrainMs = drainMs };
    }
}
