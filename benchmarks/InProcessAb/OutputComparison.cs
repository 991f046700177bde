using System.Globalization;

namespace LoguStyle.InProcessAb;

/// <summary>
/// Compares the two builds' files line by line, apart from the time at the start of each line (the one part that
/// differs by design: the ids, levels, category and message are the same calls in both). One-thread scenarios log the
/// same ids in the same order, so their lines are compared in order and the first difference is shown; four threads
/// interleave differently in each build, so their lines are compared as multisets (count and an order-free
/// fingerprint of the lines). Both files must also hold every record logged: a build that drops some is not comparable.
/// </summary>
internal static class OutputComparison
{
    public static OutputCheck Compare(string pathA, string pathB, bool ordered, long expectedLines) =>
        ordered ? CompareInOrder(pathA, pathB, expectedLines) : CompareAsMultisets(pathA, pathB, expectedLines);

    private static OutputCheck CompareInOrder(string pathA, string pathB, long expectedLines)
    {
        using var readerA = Open(pathA);
        using var readerB = Open(pathB);
        long lines = 0;
        while (true)
        {
            var lineA = readerA.ReadLine();
            var lineB = readerB.ReadLine();
            if (lineA is null || lineB is null)
            {
                var linesA = lines + (lineA is null ? 0 : 1 + Rest(readerA));
                var linesB = lines + (lineB is null ? 0 : 1 + Rest(readerB));
                return Counted(linesA, linesB, expectedLines, difference: null);
            }

            lines++;
            var problem = LineProblem(lineA, "A") ?? LineProblem(lineB, "B");
            if (problem is null && !lineA.AsSpan(Layout.TimeLength).SequenceEqual(lineB.AsSpan(Layout.TimeLength)))
            {
                problem = "differ";
            }

            if (problem is not null)
            {
                return new OutputCheck(false, lines, lines, $"line {lines.ToString("N0", CultureInfo.InvariantCulture)} {problem}:\n  A: {lineA}\n  B: {lineB}");
            }
        }
    }

    private static OutputCheck CompareAsMultisets(string pathA, string pathB, long expectedLines)
    {
        var (linesA, fingerprintA, problemA) = Fingerprint(pathA, "A");
        var (linesB, fingerprintB, problemB) = Fingerprint(pathB, "B");
        var difference = problemA ?? problemB ?? (fingerprintA == fingerprintB ? null : "the lines differ (compared as multisets: the threads interleave differently in each build)");
        return Counted(linesA, linesB, expectedLines, difference);
    }

    private static OutputCheck Counted(long linesA, long linesB, long expectedLines, string? difference)
    {
        if (difference is null && (linesA != expectedLines || linesB != expectedLines))
        {
            difference = string.Create(CultureInfo.InvariantCulture, $"{expectedLines:N0} records logged; A's file holds {linesA:N0} lines, B's {linesB:N0}");
        }

        return new OutputCheck(difference is null, linesA, linesB, difference);
    }

    private static (long Lines, ulong Fingerprint, string? Problem) Fingerprint(string path, string label)
    {
        using var reader = Open(path);
        long lines = 0;
        ulong sum = 0;
        while (reader.ReadLine() is { } line)
        {
            lines++;
            if (LineProblem(line, label) is { } problem)
            {
                return (lines, 0, string.Create(CultureInfo.InvariantCulture, $"line {lines:N0} {problem}: {line}"));
            }

            // A sum of well-mixed line hashes does not depend on the order of the lines.
            sum += Mix(Fnv1a(line.AsSpan(Layout.TimeLength)));
        }

        return (lines, sum, null);
    }

    // A build that creates its file at the first record (none in the Disabled scenario) leaves none: no lines.
    private static StreamReader Open(string path) => File.Exists(path) ? new StreamReader(path) : new StreamReader(Stream.Null);

    private static string? LineProblem(string line, string label) =>
        Layout.StartsWithTime(line) ? null : $"of {label} does not start with a yyyy-MM-dd HH:mm:ss.fff time";

    private static long Rest(StreamReader reader)
    {
        long lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    }

    private static ulong Fnv1a(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finalizer: spreads FNV's output over all 64 bits before the sum.
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
