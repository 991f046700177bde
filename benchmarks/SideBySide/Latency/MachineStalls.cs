using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// What the machine alone does to the paced scenario's tail: the same four paced threads, the same rate and period,
/// but the timed call is a spin of a fixed length (<see cref="BusyCall"/>) or a Template call into a provider that does
/// nothing (<see cref="NothingProvider"/>). A call that takes 5 or 15 µs longer than its own work met something outside
/// any provider: an interrupt, a stall of the virtual core, another thread of the load. The share of calls that meet
/// one grows with the time spent in calls, so a provider's p99.9 here depends on how long its own call is.
/// </summary>
internal static class MachineStalls
{
    public static void Print(long ratePerSecond, TimeSpan duration, IReadOnlyList<long> spinNs)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ratePerSecond:N0} calls/s offered by {PacedLoad.Threads} threads for {duration.TotalSeconds:0.#} s"));
        Console.WriteLine("call                                 |    calls |   p50 ns | p99.9 ns | >= work + 5 µs | >= work + 15 µs | first after a sleep: p50 ns | p90 ns | >= work + 5 µs");
        foreach (var ns in spinNs)
        {
            var load = PacedLoad.Run(new BusyCall(ns * Stopwatch.Frequency / 1_000_000_000), ratePerSecond, duration);
            Row($"spin {ns} ns", ns, load);
        }

        using var factory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(new NothingProvider()));
        var logger = factory.CreateLogger("Bench.Orders");
        PacedLoad.Run(logger, ratePerSecond, TimeSpan.FromSeconds(2));
        GC.Collect();
        var floor = PacedLoad.Run(logger, ratePerSecond, duration);
        Row("Template call, provider does nothing", floor.Histogram.PercentileNs(0.5), floor);
    }

    private static void Row(string name, long workNs, PacedResult load)
    {
        var histogram = load.Histogram;
        var over5 = histogram.CountAtLeastNs(workNs + 5_000);
        var over15 = histogram.CountAtLeastNs(workNs + 15_000);
        var afterSleep = load.AfterSleep;
        var afterSleepOver5 = afterSleep.CountAtLeastNs(workNs + 5_000);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name,-36} | {load.Calls,8} | {histogram.PercentileNs(0.5),8} | {histogram.PercentileNs(0.999),8} | {over5,6} ({100.0 * over5 / load.Calls:0.000} %) | {over15,6} ({100.0 * over15 / load.Calls:0.000} %) | {afterSleep.PercentileNs(0.5),27} | {afterSleep.PercentileNs(0.9),6} | {afterSleepOver5,6} of {afterSleep.Count}"));
    }
}
