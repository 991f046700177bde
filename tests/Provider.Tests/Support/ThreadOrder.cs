using System.Globalization;

namespace LoguStyle.Tests.Support;

/// <summary>Reads lines "thread index" as a sink wrote them: how often a thread's order broke, and how far each thread got.</summary>
internal static class ThreadOrder
{
    /// <summary>Inversions (an index below one seen before), duplicates or gaps (an index past the next), and each thread's next index.</summary>
    public static (int Inversions, int DuplicatesOrGaps, int[] Next) Check(IEnumerable<string> lines, int threads)
    {
        var next = new int[threads];
        int inversions = 0, gaps = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r', '\n');
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var thread = int.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture);
            var index = int.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture);
            if (index < next[thread])
            {
                inversions++;
            }
            else if (index > next[thread])
            {
                gaps++;
            }

            next[thread] = Math.Max(next[thread], index + 1);
        }

        return (inversions, gaps, next);
    }
}
