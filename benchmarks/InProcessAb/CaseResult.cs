namespace LoguStyle.InProcessAb;

/// <summary>One scenario and mode: every timed slice of both builds, in the order they ran, and the output check.</summary>
internal sealed class CaseResult(Scenario scenario, bool enqueue, int callsPerSlice, IReadOnlyList<SliceSample> a, IReadOnlyList<SliceSample> b, OutputCheck output)
{
    public Scenario Scenario => scenario;

    public string Mode => enqueue ? "enqueued" : "direct";

    public int CallsPerSlice => callsPerSlice;

    public IReadOnlyList<SliceSample> A => a;

    public IReadOnlyList<SliceSample> B => b;

    public OutputCheck Output => output;

    /// <summary>B's time over A's, per slice (slice k of each ran back to back).</summary>
    public IReadOnlyList<double> Ratios => [.. a.Zip(b, (x, y) => y.ElapsedNs / x.ElapsedNs)];

    public double MedianRatio => Quantiles.Median(Ratios);

    public double Q1 => Quantiles.Of(Ratios, 0.25);

    public double Q3 => Quantiles.Of(Ratios, 0.75);

    /// <summary>The median ratio of the slices where A ran first (even k), and where B did (odd k).</summary>
    public double MedianRatioAFirst => Quantiles.Median(Ratios.Where((_, k) => k % 2 == 0));

    public double MedianRatioBFirst => Quantiles.Median(Ratios.Where((_, k) => k % 2 == 1));

    public double MedianNsA => Quantiles.Median(a.Select(s => s.ElapsedNs / callsPerSlice));

    public double MedianNsB => Quantiles.Median(b.Select(s => s.ElapsedNs / callsPerSlice));

    public double AllocPerCallA => Quantiles.Median(a.Select(s => (double)s.AllocatedBytes / callsPerSlice));

    public double AllocPerCallB => Quantiles.Median(b.Select(s => (double)s.AllocatedBytes / callsPerSlice));

    public string Verdict => InProcessAb.Verdict.Of(MedianRatio, Q1, Q3);
}
