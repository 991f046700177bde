using System.Globalization;
using LoguStyle.SideBySide.Latency;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// One provider at one offered rate as the paced scenario runs it (<see cref="PacedRun"/>: a paced warm-up, a wait until
/// it is written, the measured period), with every measured call of at least a threshold written down
/// (<see cref="SlowCallWatch"/>), for <c>benchmarks/SideBySide/slowcalls.sh</c> to lay beside what the kernel saw
/// (<see cref="SlowCallCauses"/>).
/// </summary>
internal static class SlowCallsRun
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static void Run(IBenchProvider provider, long ratePerSecond, TimeSpan duration, string folder, string output, long thresholdNs)
    {
        using var logging = provider.Create(folder, LogLevel.Information);
        var logger = logging.Factory.CreateLogger("Bench.Orders");
        PacedLoad.Run(logger, ratePerSecond, WarmUp);
        OutputSettle.WaitUntilWritten(logging, folder);

        // Room for a tenth of the calls: more than that over the threshold is a run to read differently anyway.
        var calls = new SlowCallList((int)Math.Min(int.MaxValue, ratePerSecond * (long)duration.TotalSeconds / 10));
        var watch = new SlowCallWatch(calls, thresholdNs);
        var measured = MeasuredLoad.Run(() => PacedLoad.Run(new TemplateCall(logger), ratePerSecond, duration, watch));
        calls.Write(output);

        var histogram = measured.Load.Histogram;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{provider.Name} at {ratePerSecond:N0}/s for {duration.TotalSeconds:0.#} s: {measured.Load.Calls:N0} calls, p50 {histogram.PercentileNs(0.5):N0} ns, p99.9 {histogram.PercentileNs(0.999):N0} ns, {measured.Gen0Collections} gen0 collections; {calls.Seen:N0} calls of {thresholdNs / 1000.0:0.#} µs or more written to {output}"));
    }
}
