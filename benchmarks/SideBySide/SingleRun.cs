using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide;

/// <summary>
/// One provider, one scenario, in this process: warm up, wait until the warm-up is written, time the calls, dispose.
/// The runner counts what reached the files afterwards.
/// </summary>
internal static class SingleRun
{
    // Long enough for tiered compilation to finish (call counting, the 100 ms tiering delay, tier-1 and PGO),
    // so the measured loop runs optimized code in every provider. The warm-up does the measured work itself (four
    // threads for Threads): a provider whose contended path differs from its single-thread one (a queue that falls
    // behind, a lock that is taken) then has that path optimized too, not compiled while the clock runs.
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);
    private const long MaxWarmUpCalls = 2_000_000;
    private static readonly TimeSpan MinWarmUpTime = TimeSpan.FromSeconds(1);
    private const int WarmUpChunk = 100_000;
    private const int ThreadCount = 4;

    public static Measurement Run(IBenchProvider provider, Scenario scenario, string folder, long calls)
    {
        var logging = provider.Create(folder, LogLevel.Information);
        var logger = logging.Factory.CreateLogger("Bench.Orders");
        long warmUp = 0;
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < WarmUpTime && (warmUp < MaxWarmUpCalls || warming.Elapsed < MinWarmUpTime))
        {
            if (scenario == Scenario.Threads)
            {
                RunThreads(logger, WarmUpChunk);
            }
            else
            {
                for (var i = 0; i < WarmUpChunk; i++)
                {
                    Call(provider, logger, scenario, i);
                }
            }

            warmUp += WarmUpChunk;
        }

        // The clock starts only once the warm-up is on disk: a provider still writing it (an unbounded queue holds
        // most of it) would otherwise be timed writing the warm-up as well as the measured calls.
        var settling = Stopwatch.StartNew();
        OutputSettle.WaitUntilWritten(logging, folder);
        var settleMs = settling.Elapsed.TotalMilliseconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var processAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        double callerNs;
        long allocated;
        if (scenario == Scenario.Threads)
        {
            (callerNs, allocated) = RunThreads(logger, calls);
        }
        else
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                Call(provider, logger, scenario, i);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            callerNs = clock.Elapsed.TotalNanoseconds / calls;
        }

        logging.Dispose();
        var total = clock.Elapsed;

        // Everything the process allocated in the run, less the calling threads': the writers' (and the runtime's).
        var otherThreads = GC.GetTotalAllocatedBytes(precise: true) - processAllocated - allocated;
        var gen0Collections = GC.CollectionCount(0) - gen0;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var expected = provider.WritesRecordsIn(scenario) ? calls + warmUp : 0;
        return new Measurement(
            provider.Name,
            scenario.ToString(),
            calls,
            callerNs,
            total.TotalMilliseconds,
            calls / total.TotalSeconds,
            (double)allocated / calls,
            Math.Max(0, (double)otherThreads / calls),
            gen0Collections,
            peak,
            expected,
            Found: -1)
        {
            SettleMs = settleMs,
        };
    }

    public static void WriteResult(Measurement measurement, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(measurement));

    private static void Call(IBenchProvider provider, ILogger logger, Scenario scenario, int i)
    {
        switch (scenario)
        {
            case Scenario.Interpolated:
                provider.LogInterpolated(logger, i);
                break;
            case Scenario.LoggerMessage:
                provider.LogGenerated(logger, i);
                break;
            case Scenario.Disabled:
                Orders.BoughtDebug(logger, i, 3, 29.97m);
                break;
            default:
                Orders.LogTemplate(logger, i);
                break;
        }
    }

    private static (double CallerNs, long Allocated) RunThreads(ILogger logger, long calls)
    {
        var perThread = calls / ThreadCount;
        var elapsed = new double[ThreadCount];
        var allocated = new long[ThreadCount];
        using var start = new Barrier(ThreadCount);
        var threads = Enumerable.Range(0, ThreadCount).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < perThread; i++)
            {
                Orders.LogTemplate(logger, i);
            }

            elapsed[t] = clock.Elapsed.TotalNanoseconds / perThread;
            allocated[t] = GC.GetAllocatedBytesForCurrentThread() - before;
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (elapsed.Average(), allocated.Sum());
    }
}
