using System.Globalization;
using System.Text.Json;
using LoguStyle.SideBySide.Providers;

namespace LoguStyle.SideBySide;

/// <summary>
/// Runs every provider on every scenario in a fresh process, a few times each, and keeps the median run; stops the run
/// when the providers' outputs do not have the same layout.
/// </summary>
internal static class Orchestrator
{
    public static (List<Measurement> Runs, List<Measurement> Results) RunAll(IReadOnlyList<IBenchProvider> providers, IReadOnlyList<Scenario> scenarios, long calls, int repeats)
    {
        var all = new List<Measurement>();
        var results = new List<Measurement>();
        foreach (var scenario in scenarios)
        {
            var providersHere = For(scenario, providers);

            // The repeats go round the providers (A B C, B C A, ...: RepeatOrder) rather than one provider's all at once:
            // the machine drifts between states for minutes at a time (see CrossCoreLatency), and a ratio between two
            // providers is fair only if both had their runs spread over the same stretch of time.
            var runs = providersHere.ToDictionary(p => p.Name, _ => new List<Measurement>());
            for (var r = 0; r < repeats; r++)
            {
                foreach (var provider in RepeatOrder.Of(providersHere, r))
                {
                    var crossCore = CrossCoreLatency.RoundTripNs();
                    runs[provider.Name].Add(RunChild(provider, scenario, calls) with { CrossCoreNs = crossCore });
                }

                var writers = providersHere.Where(p => p.WritesRecordsIn(scenario)).ToList();
                if (r == 0 && writers.Count > 0)
                {
                    // After the first round, so an unfair setup stops the run before it costs the other repeats.
                    var differences = LayoutCheck.Differences([.. writers.Select(p => (p.Name, runs[p.Name][0].FirstLine, runs[p.Name][0].LastLine))]);
                    if (differences is not null)
                    {
                        throw new LayoutMismatchException($"{scenario}: {differences}");
                    }

                    Console.WriteLine($"{scenario}: every provider wrote the layout {LayoutCheck.Normalise(runs[writers[0].Name][0].FirstLine!)}");
                }
            }

            foreach (var provider in providersHere)
            {
                var own = runs[provider.Name];
                all.AddRange(own);
                var median = own.OrderBy(m => m.TotalMs).ElementAt(own.Count / 2);
                results.Add(median);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{scenario,-13} {provider.Name,-20} caller {median.CallerNsPerCall,8:F1} ns  total {median.TotalMs,8:F0} ms  {median.RecordsPerSecond / 1e6,6:F2} M/s  alloc {median.AllocatedBytesPerCall,6:F0} B  other {median.OtherThreadsBytesPerCall,6:F0} B  gen0 {median.Gen0Collections,4}  peak {median.PeakWorkingSetMb,6:F0} MB  lost {median.Lost}  x-core {median.CrossCoreNs,4:F0} ns ({string.Join(' ', own.Select(m => m.CrossCoreNs.ToString("F0", CultureInfo.InvariantCulture)))})"));
            }
        }

        return (all, results);
    }

    /// <summary>
    /// The setups that run <paramref name="scenario"/>: all of them, but for Interpolated only those with an interpolated
    /// API (the others are named in the output and the results page).
    /// </summary>
    internal static IReadOnlyList<IBenchProvider> For(Scenario scenario, IReadOnlyList<IBenchProvider> providers)
    {
        if (scenario != Scenario.Interpolated)
        {
            return providers;
        }

        var left = providers.Where(p => !p.LogsInterpolated).Select(p => p.Name).ToList();
        if (left.Count > 0)
        {
            Console.WriteLine($"{scenario}: left out (no interpolated logging API): {string.Join(", ", left)}");
        }

        return [.. providers.Where(p => p.LogsInterpolated)];
    }

    private static Measurement RunChild(IBenchProvider provider, Scenario scenario, long calls)
    {
        var folder = ChildRun.NewFolder();
        try
        {
            var text = ChildRun.Run(folder, "one", provider.Name, scenario.ToString(), folder, calls.ToString(CultureInfo.InvariantCulture));
            var measurement = JsonSerializer.Deserialize<Measurement>(text)!;
            var (found, first, last) = OutputScan.Scan(folder);
            return measurement with { Found = found, FirstLine = first, LastLine = last };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
