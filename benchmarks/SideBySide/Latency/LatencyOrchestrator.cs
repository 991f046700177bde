using System.Globalization;
using System.Text.Json;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// Runs the paced and slow-consumer scenarios: every setup in its own process, the repeats going round the setups
/// (A B C, B C A, ...: <see cref="RepeatOrder"/>), and keeps for each setup the run with the median p99.9.
/// </summary>
internal static class LatencyOrchestrator
{
    public static (List<LatencyMeasurement> Runs, List<LatencyMeasurement> Results) Paced(
        IReadOnlyList<IBenchProvider> providers, IReadOnlyList<long> rates, TimeSpan duration, int repeats)
    {
        var runs = new List<LatencyMeasurement>();
        var results = new List<LatencyMeasurement>();
        foreach (var rate in rates)
        {
            var own = providers.ToDictionary(p => p.Name, _ => new List<LatencyMeasurement>());
            for (var r = 0; r < repeats; r++)
            {
                foreach (var provider in RepeatOrder.Of(providers, r))
                {
                    own[provider.Name].Add(PacedChild(provider, rate, duration));
                }

                if (r == 0)
                {
                    // The same check as the throughput runs', on the first record (the last one's counter differs
                    // between setups here: each made as many calls as it could in the period).
                    var differences = LayoutCheck.Differences([.. providers.Select(p => (p.Name, own[p.Name][0].FirstLine, (string?)null))]);
                    if (differences is not null)
                    {
                        throw new LayoutMismatchException($"paced {rate}/s: {differences}");
                    }
                }
            }

            foreach (var provider in providers)
            {
                runs.AddRange(own[provider.Name]);
                results.Add(Report(Median(own[provider.Name])));
            }

            if (LatencyTarget.Judge(results.Where(m => m.OfferedPerSecond == rate)) is { } judged)
            {
                Console.WriteLine($"paced {rate}/s: {judged.Text.Replace("**", string.Empty, StringComparison.Ordinal)}");
            }
        }

        return (runs, results);
    }

    public static (List<LatencyMeasurement> Runs, List<LatencyMeasurement> Results) Slow(
        IReadOnlyList<SlowSetup> setups, long offered, long sinkRate, TimeSpan duration, int repeats)
    {
        var own = setups.ToDictionary(s => s.Name, _ => new List<LatencyMeasurement>());
        for (var r = 0; r < repeats; r++)
        {
            foreach (var setup in RepeatOrder.Of(setups, r))
            {
                own[setup.Name].Add(SlowChild(setup, offered, sinkRate, duration));
            }
        }

        return ([.. own.Values.SelectMany(m => m)], [.. setups.Select(s => Report(Median(own[s.Name])))]);
    }

    private static LatencyMeasurement Median(List<LatencyMeasurement> runs) => runs.OrderBy(m => m.P999Ns).ElementAt(runs.Count / 2);

    private static LatencyMeasurement Report(LatencyMeasurement m)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{m.Scenario,-6} {m.OfferedPerSecond,9:N0}/s {m.Setup,-30} made {m.MadePerSecond,9:N0}/s  p50 {m.P50Ns,8:N0} ns  p99 {m.P99Ns,10:N0} ns  p99.9 {m.P999Ns,12:N0} ns  max {m.MaxNs,14:N0} ns  GC {m.GcPauseMs,6:F1} ms  lost {m.Lost:N0}{AfterSleep(m)}"));
        return m;
    }

    private static string AfterSleep(LatencyMeasurement m) => m.AfterSleepCalls == 0 ? string.Empty : string.Create(
        CultureInfo.InvariantCulture,
        $"  first after a sleep: {m.AfterSleepCalls:N0} calls, p50 {m.AfterSleepP50Ns:N0} ns, p90 {m.AfterSleepP90Ns:N0} ns, {100 * m.SlowestAfterSleepShare:0} % of those >= p99.9");

    private static LatencyMeasurement PacedChild(IBenchProvider provider, long rate, TimeSpan duration)
    {
        var crossCore = CrossCoreLatency.RoundTripNs();
        var folder = ChildRun.NewFolder();
        try
        {
            var text = ChildRun.Run(folder, "paced-one", provider.Name, Invariant(rate), Invariant(duration.TotalSeconds), folder);
            var measurement = JsonSerializer.Deserialize<LatencyMeasurement>(text)!;
            var (found, first, _) = OutputScan.Scan(folder);
            return measurement with { Found = found, FirstLine = first, CrossCoreNs = crossCore };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static LatencyMeasurement SlowChild(SlowSetup setup, long offered, long sinkRate, TimeSpan duration)
    {
        var crossCore = CrossCoreLatency.RoundTripNs();
        var folder = ChildRun.NewFolder();
        try
        {
            var text = ChildRun.Run(folder, "slow-one", setup.Name, Invariant(offered), Invariant(sinkRate), Invariant(duration.TotalSeconds));
            return JsonSerializer.Deserialize<LatencyMeasurement>(text)! with { CrossCoreNs = crossCore };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
