using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// One provider at one offered rate, in this process: a paced warm-up at that rate (so the code the measured calls run
/// is optimised, contended paths included), a wait until it is written, then the measured period, then dispose. The
/// runner counts what reached the files afterwards.
/// </summary>
internal static class PacedRun
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static LatencyMeasurement Run(IBenchProvider provider, long ratePerSecond, TimeSpan duration, string folder)
    {
        var logging = provider.Create(folder, LogLevel.Information);
        var logger = logging.Factory.CreateLogger("Bench.Orders");
        var warm = PacedLoad.Run(logger, ratePerSecond, WarmUp);
        OutputSettle.WaitUntilWritten(logging, folder);

        var measured = MeasuredLoad.Run(() => PacedLoad.Run(logger, ratePerSecond, duration));
        logging.Dispose();

        return LatencyMeasurement.From(
            provider.Name,
            "paced",
            ratePerSecond,
            duration,
            measured,
            warm.Calls + measured.Load.Calls,
            found: -1);
    }
}
