using System.Diagnostics;

namespace LoguStyle.SideBySide;

/// <summary>
/// Waits until a provider has written what it was given: its output files stop growing. A provider with an unbounded
/// queue (ZLogger) still holds most of a warm-up when the warm-up loop ends; a clock started then would time the
/// warm-up's writing too.
/// </summary>
internal static class OutputSettle
{
    /// <summary>How long the output must stay the same size to count as written.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    /// <summary>Flushes the provider, then polls the size of the output until it has not changed for <see cref="Quiet"/>.</summary>
    /// <exception cref="TimeoutException">The output was still growing after a minute.</exception>
    public static void WaitUntilWritten(BenchLogging logging, string folder)
    {
        logging.Flush();
        WaitUntilStable(() => OutputScan.TotalSize(folder), $"the output in {folder}");
    }

    /// <summary>Polls <paramref name="measure"/> until its value has not changed for <see cref="Quiet"/>, and returns it.</summary>
    /// <exception cref="TimeoutException">The value was still changing after a minute.</exception>
    public static long WaitUntilStable(Func<long> measure, string what)
    {
        var deadline = Stopwatch.StartNew();
        var value = measure();
        var stable = Stopwatch.StartNew();
        while (stable.Elapsed < Quiet)
        {
            if (deadline.Elapsed > Deadline)
            {
                throw new TimeoutException($"{what} was still growing after {Deadline.TotalSeconds:F0} s");
            }

            // A poll, not a fixed wait: the loop ends as soon as the condition has held for the quiet period.
            Thread.Sleep(Poll);
            var now = measure();
            if (now != value)
            {
                value = now;
                stable.Restart();
            }
        }

        return value;
    }
}
