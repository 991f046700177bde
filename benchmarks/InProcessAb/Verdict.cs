namespace LoguStyle.InProcessAb;

/// <summary>
/// The reading of one case's per-slice ratios B/A (docs/benchmarks.md, "Two builds in one process", says why):
/// a regression when the median ratio is above 1.05 and its interquartile range lies wholly above 1.0 (three quarters
/// of the slices or more had B slower); faster on the mirror rule; otherwise no regression.
/// </summary>
internal static class Verdict
{
    public const double Tolerance = 0.05;

    public static string Of(double median, double q1, double q3) =>
        median > 1 + Tolerance && q1 > 1.0 ? "REGRESSION"
        : median < 1 - Tolerance && q3 < 1.0 ? "faster"
        : "no regression";

    public static bool IsRegression(string verdict) => verdict == "REGRESSION";
}
