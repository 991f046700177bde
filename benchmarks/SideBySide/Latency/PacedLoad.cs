using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// Threads that offer a fixed total rate of Template calls for a fixed time and time every call. Each thread has its own
/// schedule (call k is due at start + k x interval, the threads a quarter interval apart); a thread that is ahead
/// sleeps a millisecond and then makes every call that came due, so records arrive in bursts of about rate / 4,000
/// per thread per millisecond, and a sleeping thread leaves the cores to the providers' writers. The first call of each
/// burst is also counted apart (<see cref="PacedResult.AfterSleep"/>): it runs on a core that did other work, or sat idle,
/// for the millisecond before, so whatever it touches may have left the caches. A thread that falls
/// behind (a blocking provider) calls back to back; every thread stops at the end of the period, so a provider that
/// blocks shows as fewer calls made than offered.
/// </summary>
internal static class PacedLoad
{
    public const int Threads = 4;

    public static PacedResult Run(ILogger logger, long ratePerSecond, TimeSpan duration) =>
        Run(new TemplateCall(logger), ratePerSecond, duration);

    /// <summary>The same schedule around any call (a struct, so the timed path has no delegate in it).</summary>
    public static PacedResult Run<TCall>(TCall call, long ratePerSecond, TimeSpan duration)
        where TCall : struct, IPacedCall =>
        Run(call, ratePerSecond, duration, default(NoWatch));

    /// <summary>The same schedule, with <paramref name="watch"/> told about each call (copied into each thread).</summary>
    public static PacedResult Run<TCall, TWatch>(TCall call, long ratePerSecond, TimeSpan duration, TWatch watch)
        where TCall : struct, IPacedCall
        where TWatch : struct, ICallWatch
    {
        var histograms = new LatencyHistogram[Threads];
        var afterSleeps = new LatencyHistogram[Threads];
        var calls = new long[Threads];
        var interval = (double)Stopwatch.Frequency * Threads / ratePerSecond;

        // Every thread starts from the same instant, a little ahead so that all of them are running by then.
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var histogram = new LatencyHistogram();
            var afterSleep = new LatencyHistogram();
            var threadWatch = watch;
            threadWatch.StartThread();
            var offset = interval * t / Threads;
            long k = 0;
            while (true)
            {
                var due = start + (long)(offset + (k * interval));
                var now = Stopwatch.GetTimestamp();
                if (due >= end || now >= end)
                {
                    break;
                }

                var slept = now < due;
                while (now < due)
                {
                    Thread.Sleep(1);
                    now = Stopwatch.GetTimestamp();
                }

                // The measured path: two clock reads around the call and one or two bucket increments, nothing allocated.
                var mark = threadWatch.Mark();
                var before = Stopwatch.GetTimestamp();
                call.Call((int)k);
                var ticks = Stopwatch.GetTimestamp() - before;
                threadWatch.Saw(before, ticks, mark, slept);
                histogram.RecordTicks(ticks);
                if (slept)
                {
                    afterSleep.RecordTicks(ticks);
                }

                k++;
            }

            histograms[t] = histogram;
            afterSleeps[t] = afterSleep;
            calls[t] = k;
        })
        { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var elapsed = Stopwatch.GetElapsedTime(start);

        return new PacedResult(Merged(histograms), Merged(afterSleeps), calls.Sum(), elapsed);
    }

    private static LatencyHistogram Merged(LatencyHistogram[] histograms)
    {
        var all = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            all.Add(histogram);
        }

        return all;
    }
}
