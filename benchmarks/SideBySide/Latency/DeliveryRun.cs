using System.Diagnostics;
using System.Globalization;
using LoguStyle.SideBySide.Providers;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// How long a lone record takes to reach an enqueued file without a flush: one record at a time, a fixed gap after the
/// one before reached the file (so the writer is napping, or parked after a longer gap), the file's length polled from
/// the moment the call returns. What configuration.md's "within about a millisecond of an idle moment" is checked by.
/// </summary>
internal static class DeliveryRun
{
    public static void Print(IReadOnlyList<int> gapsMs, int records)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{records} lone records per gap to an enqueued file, from the call's return until the file holds the line"));
        Console.WriteLine("gap after the last record |   p50 µs |   p90 µs |   p99 µs |   max µs");
        foreach (var gap in gapsMs)
        {
            var folder = Path.Combine(Path.GetTempPath(), "logustyle-delivery-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                Row(gap, Measure(folder, gap, records));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static List<double> Measure(string folder, int gapMs, int records)
    {
        using var logging = new LoguStyleProvider(enqueue: true).Create(folder, LogLevel.Information);
        var logger = logging.Factory.CreateLogger("Bench.Orders");
        var file = Path.Combine(folder, "logustyle.log");
        var delays = new List<double>(records);
        long length = 0;
        for (var i = -5; i < records; i++)
        {
            Thread.Sleep(gapMs);
            Orders.LogTemplate(logger, i);
            var returned = Stopwatch.GetTimestamp();
            long now;
            while ((now = Length(file)) == length)
            {
                // Yields its core between looks: a thread that keeps its core busy makes the writer it woke wait for
                // the scheduler to give it one (4 ms on this machine, whose kernel places a woken thread beside its waker).
                Thread.Yield();
            }

            var delay = Stopwatch.GetElapsedTime(returned);
            length = now;
            if (i >= 0)
            {
                // The first five open the file and warm the code up.
                delays.Add(delay.TotalMicroseconds);
            }
        }

        return delays;
    }

    private static long Length(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;

    private static void Row(int gapMs, List<double> delays)
    {
        delays.Sort();
        double At(double q) => delays[Math.Min(delays.Count - 1, (int)(q * delays.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gapMs,22} ms | {At(0.5),8:F0} | {At(0.9),8:F0} | {At(0.99),8:F0} | {delays[^1],8:F0}"));
    }
}
