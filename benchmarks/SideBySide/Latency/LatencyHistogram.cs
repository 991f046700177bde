using System.Diagnostics;
using System.Numerics;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// Call durations in nanoseconds, counted in log-linear buckets allocated up front (HdrHistogram's layout: 32 buckets
/// per power of two, so a reported value is within 1/32 of the measured one), so that recording a call allocates
/// nothing and costs a few instructions. One histogram per thread; merged after the run.
/// </summary>
internal sealed class LatencyHistogram
{
    // Values below 64 ns have a bucket each; from 64 ns on, every power of two [2^(g+5), 2^(g+6)) has 32 buckets of
    // width 2^g. 40 groups reach beyond 2^45 ns (about ten hours).
    private const int Exact = 64;
    private const int PerGroup = 32;
    private const int Groups = 40;

    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[Exact + (Groups * PerGroup)];

    public long Count { get; private set; }

    public long MaxNs { get; private set; }

    public double TotalNs { get; private set; }

    /// <summary>Records one duration given in <see cref="Stopwatch"/> ticks.</summary>
    // Hot path of the measurement: no allocation, no lock (one histogram per thread).
    public void RecordTicks(long ticks) => RecordNs((long)(ticks * NsPerTick));

    public void RecordNs(long ns)
    {
        ns = Math.Max(0, ns);
        _counts[Index(ns)]++;
        Count++;
        TotalNs += ns;
        if (ns > MaxNs)
        {
            MaxNs = ns;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        TotalNs += other.TotalNs;
        MaxNs = Math.Max(MaxNs, other.MaxNs);
    }

    /// <summary>
    /// The smallest value that at least <paramref name="quantile"/> of the calls did not exceed, as the upper edge of its
    /// bucket (never above the largest value recorded); 0 when nothing was recorded.
    /// </summary>
    public long PercentileNs(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(UpperEdge(i), MaxNs);
            }
        }

        return MaxNs;
    }

    public double MeanNs => Count == 0 ? 0 : TotalNs / Count;

    /// <summary>Calls of at least <paramref name="ns"/>, counted from the bucket that holds it (so within 1/32 below it).</summary>
    public long CountAtLeastNs(long ns)
    {
        long count = 0;
        for (var i = Index(Math.Max(0, ns)); i < _counts.Length; i++)
        {
            count += _counts[i];
        }

        return count;
    }

    internal static int Index(long ns)
    {
        if (ns < Exact)
        {
            return (int)ns;
        }

        var group = Math.Min(BitOperations.Log2((ulong)ns) - 5, Groups);
        if (group == Groups)
        {
            // Past the last group: counted in its last bucket (the exact value is kept as the maximum).
            return Exact + (Groups * PerGroup) - 1;
        }

        return Exact + ((group - 1) * PerGroup) + (int)((ns >> group) - PerGroup);
    }

    /// <summary>The smallest value of the bucket that holds <paramref name="ns"/> (a reported percentile lies in it).</summary>
    internal static long LowerEdgeOf(long ns) => LowerEdge(Index(Math.Max(0, ns)));

    internal static long LowerEdge(int index) => index < Exact ? index : GroupValue(index, 0);

    internal static long UpperEdge(int index) => index < Exact ? index : GroupValue(index, 1) - 1;

    // A value on the edge of bucket index past the exact ones: its first value, or (next 1) the next bucket's first.
    private static long GroupValue(int index, int next)
    {
        var group = ((index - Exact) / PerGroup) + 1;
        var step = (index - Exact) % PerGroup;
        return (PerGroup + step + (long)next) << group;
    }
}
