using System.Globalization;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// Issue 17's latency target for one rate of a paced run: LoguStyle enqueued's p99.9 at most half of ZLogger's and half
/// of NLog's async wrapper's. A reported p99.9 is the upper edge of its histogram bucket (1/32 of a power of two wide),
/// so the true values lie somewhere in their buckets: the target is met only when LoguStyle's bucket lies wholly at or
/// under half of each peer's bucket, missed only when it lies wholly above half of one of them, and undecided
/// otherwise (an outside review found two runs called "met" whose p99.9 was exactly half of ZLogger's bucket edge).
/// </summary>
internal static class LatencyTarget
{
    public const string Setup = "logustyle-enqueued";

    /// <summary>The peers whose p99.9 the target halves.</summary>
    public static readonly IReadOnlyList<string> Peers = ["zlogger-file", "nlog-async-block"];

    /// <summary>The verdict for the rows of one rate, and the target (half of the lower peer p99.9); null when a setup is missing.</summary>
    public static (TargetVerdict Verdict, double TargetNs, string Text)? Judge(IEnumerable<LatencyMeasurement> rate)
    {
        var rows = rate.ToDictionary(r => r.Setup, r => r.P999Ns);
        if (!rows.TryGetValue(Setup, out var own) || Peers.Any(p => !rows.ContainsKey(p)))
        {
            return null;
        }

        var peers = Peers.Select(p => rows[p]).ToList();
        var verdict = Verdict(own, peers);
        var target = peers.Min() / 2.0;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Issue 17's target: {Setup}'s p99.9 at most half of {string.Join("'s and ", Peers)}'s, {LatencyChart.Duration(target)}; its p99.9 {LatencyChart.Duration(own)}: **{Word(verdict)}**");
        return (verdict, target, verdict == TargetVerdict.Undecided
            ? text + " (the p99.9 and the target lie within one bucket of the histogram, 1/32 of a power of two, of each other)"
            : text);
    }

    /// <summary>
    /// The verdict on a p99.9 of <paramref name="own"/> against half of each of <paramref name="peers"/>' (all reported
    /// as the upper edges of their buckets), as the class remarks say.
    /// </summary>
    public static TargetVerdict Verdict(double own, IReadOnlyCollection<double> peers)
    {
        var ownLow = LatencyHistogram.LowerEdgeOf((long)own);
        return peers.All(p => own <= LatencyHistogram.LowerEdgeOf((long)p) / 2.0) ? TargetVerdict.Met :
            peers.Any(p => ownLow > p / 2.0) ? TargetVerdict.Missed :
            TargetVerdict.Undecided;
    }

    /// <summary>The verdict's word as the pages and <c>verdict</c> command print it.</summary>
    public static string Word(TargetVerdict verdict) => verdict switch
    {
        TargetVerdict.Met => "met",
        TargetVerdict.Missed => "missed",
        _ => "undecided",
    };
}
