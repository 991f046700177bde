using System.Diagnostics;

namespace LoguStyle.InProcessAb;

/// <summary>
/// One scenario in one mode: a provider of each build writing its own file, both warmed up, then timed in turns.
/// </summary>
internal static class CaseRun
{
    public static CaseResult Run(BuildUnderTest a, BuildUnderTest b, Scenario scenario, bool enqueue, Settings settings)
    {
        var folder = Path.Combine(settings.OutputFolder, $"{scenario}-{(enqueue ? "enqueued" : "direct")}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var pathA = Path.Combine(folder, "a.log");
        var pathB = Path.Combine(folder, "b.log");
        var calls = SliceRunner.CallsMade(scenario, settings.CallsPerSlice);
        var timedA = new List<SliceSample>(settings.Slices);
        var timedB = new List<SliceSample>(settings.Slices);
        var nextId = 0;
        var sessionA = a.Start(pathA, enqueue, Layout.Format);
        var sessionB = b.Start(pathB, enqueue, settings.FormatB ?? Layout.Format);
        try
        {
            // Warm-up: the same slices, in turns, until both builds together have run twice the warm-up time (each
            // build's code is its own, so each needs its tier-1 and PGO compilation; two seconds each is what the
            // SideBySide runner gives a provider). Both make the same calls, so both files hold the same lines.
            var warming = Stopwatch.StartNew();
            for (var pairs = 0; pairs < 2 || warming.Elapsed < 2 * settings.WarmUp; pairs++)
            {
                SliceRunner.Run(sessionA, scenario, nextId, calls);
                SliceRunner.Run(sessionB, scenario, nextId, calls);
                nextId += calls;
            }

            // The warm-up's garbage is collected once, before the clock; the timed slices are left to the GC as it
            // comes, since a collection forced per slice would time a heap unlike an application's.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            for (var k = 0; k < settings.Slices; k++)
            {
                // The order swaps every slice, so neither build is always the one that runs just after the other
                // (whose cache contents, writer thread wake-ups and dirty pages the second inherits).
                if (k % 2 == 0)
                {
                    timedA.Add(SliceRunner.Run(sessionA, scenario, nextId, calls));
                    timedB.Add(SliceRunner.Run(sessionB, scenario, nextId, calls));
                }
                else
                {
                    timedB.Add(SliceRunner.Run(sessionB, scenario, nextId, calls));
                    timedA.Add(SliceRunner.Run(sessionA, scenario, nextId, calls));
                }

                nextId += calls;
            }
        }
        finally
        {
            sessionA.Dispose();
            sessionB.Dispose();
        }

        var expected = scenario == Scenario.Disabled ? 0 : nextId;
        var output = OutputComparison.Compare(pathA, pathB, ordered: scenario != Scenario.Threads, expected);
        if (output.Same && !settings.KeepFiles)
        {
            Directory.Delete(folder, recursive: true);
        }

        return new CaseResult(scenario, enqueue, calls, timedA, timedB, output);
    }
}
