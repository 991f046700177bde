using System.Globalization;
using System.Text;

namespace LoguStyle.InProcessAb;

/// <summary>The results table, the verdict line, and every slice as tab-separated values for a closer look.</summary>
internal static class Report
{
    public static void Header(BuildUnderTest a, BuildUnderTest b, Settings settings)
    {
        Console.WriteLine($"A: {a.Folder} (LoguStyle {a.Version})");
        Console.WriteLine($"B: {b.Folder} (LoguStyle {b.Version})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Slices} timed slices of {settings.CallsPerSlice:N0} calls per build and case, A B / B A in turns, after {settings.WarmUp.TotalSeconds:0.#} s of warm-up each; ratios are B/A (below 1: B is faster)"));
    }

    public static string Line(CaseResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Scenario,-14}{result.Mode,-9}{result.MedianNsA,9:F1}{result.MedianNsB,9:F1}{result.MedianRatio,8:F3}  {result.Q1:F3}-{result.Q3:F3}{result.MedianRatioAFirst,8:F3}{result.MedianRatioBFirst,8:F3}{result.AllocPerCallA,9:F0}{result.AllocPerCallB,9:F0}  {result.Verdict}");

    public static string TableHeader =>
        $"{"scenario",-14}{"mode",-9}{"A ns",9}{"B ns",9}{"B/A",8}  {"IQR",-11}{"A 1st",8}{"B 1st",8}{"A alloc",9}{"B alloc",9}  verdict";

    public static void Table(IReadOnlyList<CaseResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("ns = median ns per call (slice time / calls; the slice ends with the provider's flush, but for Disabled); B/A = median of the");
        Console.WriteLine("per-slice ratios, IQR its quartiles; A 1st / B 1st = median ratio of the slices each ran first; A alloc / B alloc =");
        Console.WriteLine("median bytes allocated per call on the calling threads");
        Console.WriteLine(TableHeader);
        foreach (var result in results)
        {
            Console.WriteLine(Line(result));
        }

        var regressions = results.Where(r => Verdict.IsRegression(r.Verdict)).ToList();
        Console.WriteLine();
        Console.WriteLine(regressions.Count == 0
            ? "verdict: no regression (no case has a median B/A above 1.05 with its interquartile range wholly above 1.0)"
            : "verdict: REGRESSION in " + string.Join(", ", regressions.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Scenario} {r.Mode} (median {r.MedianRatio:F3}, IQR {r.Q1:F3}-{r.Q3:F3})"))));
    }

    public static void WriteSlices(IReadOnlyList<CaseResult> results, string path)
    {
        var text = new StringBuilder("scenario\tmode\tslice\tfirst\tcalls\ta_ns\tb_ns\tratio\ta_alloc_bytes\tb_alloc_bytes\ta_flush_ns\tb_flush_ns\n");
        foreach (var result in results)
        {
            for (var k = 0; k < result.A.Count; k++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{result.Scenario}\t{result.Mode}\t{k}\t{(k % 2 == 0 ? "A" : "B")}\t{result.CallsPerSlice}\t{result.A[k].ElapsedNs:F0}\t{result.B[k].ElapsedNs:F0}\t{result.Ratios[k]:F4}\t{result.A[k].AllocatedBytes}\t{result.B[k].AllocatedBytes}\t{result.A[k].FlushNs:F0}\t{result.B[k].FlushNs:F0}\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }
}
