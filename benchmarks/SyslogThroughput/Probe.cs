using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// The sink's cost per record in numbers a busy machine does not move much: 4 threads log through the sink (no floor),
/// and each thread the provider started reports its CPU time (user and system) and context switches per record, from
/// /proc. It prints <c>ready pid N</c> once the threads wait to start and starts them when a line comes on stdin, so
/// <c>perf stat --per-thread -p N</c> (probe.sh) can attach first and count system calls per thread.
/// </summary>
internal static class Probe
{
    private const int Threads = 4;

    // Records per thread logged, by the same 4 threads, in rounds before anything is counted, until a round made the JIT
    // compile nothing new (JitWarmUp), then a pause: the runtime compiles a hot method three times (quick, instrumented
    // for profile-guided optimization, optimized). After one round of 50,000 the compiler thread still took a fifth of
    // the counted CPU time; with 2,000 records from one thread, a third of the samples were in the runtime's
    // profile-counting helpers and the compiler.
    private static readonly int WarmUp = int.TryParse(Environment.GetEnvironmentVariable("PROBE_WARMUP"), CultureInfo.InvariantCulture, out var warmUp) ? warmUp : 50_000;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int perThread, SyslogProtocol protocol, QueueFullMode mode)
    {
        var folder = Directory.CreateTempSubdirectory("logustyle-syslog-probe-").FullName;
        try
        {
            await using var run = await TransportRun.StartAsync(protocol, folder);
            using var sampler = Environment.GetEnvironmentVariable("PROBE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
            var before = ThreadIds();
            using var start = new ManualResetEventSlim();
            IReadOnlyList<ThreadTimes> started;
            var warmUpRounds = 0;
            await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { run.SinkOptions(mode) } }))
            {
                var logger = provider.CreateLogger("Bench.Orders");

                // Connected, and the callers' and the writer's code compiled to its last tier, before anything is counted.
                warmUpRounds = await JitWarmUp.RunAsync(async () =>
                {
                    var warming = Enumerable.Range(0, Threads).Select(thread => new Thread(() => LogMany(logger, -1 - thread, WarmUp))).ToList();
                    warming.ForEach(t => t.Start());
                    warming.ForEach(t => t.Join());
                    await provider.FlushAsync();
                });
                await Task.Delay(Settle);
                var callers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
                {
                    start.Wait();
                    LogMany(logger, thread, perThread);
                })
                { Name = $"caller {thread}" }).ToList();
                callers.ForEach(t => t.Start());
                started = [.. ThreadIds().Except(before).Select(ThreadTimes.Read).OfType<ThreadTimes>()];
                Console.WriteLine($"ready pid {Environment.ProcessId}");
                Console.ReadLine();
                var compiled = JitWarmUp.Compiled();
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(0);
                sampler?.Counting = true;
                start.Set();
                callers.ForEach(t => t.Join());

                // Sent, before the dispose ends the writer's thread and its counts with it.
                await provider.FlushAsync();
                sampler?.Counting = false;
                sampler?.Print();
                var records = (double)Threads * perThread;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"allocated per record (all threads): {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / records:0.0} bytes; gen0 collections: {GC.CollectionCount(0) - collections}"));
                Console.WriteLine($"warm-up: {warmUpRounds} round(s) of {WarmUp:N0} records a thread until the JIT compiled nothing new (at most {JitWarmUp.MaxRounds}); methods compiled while counted: {JitWarmUp.Compiled() - compiled}");
                Console.WriteLine($"{protocol} {mode}, {Threads} x {perThread:N0} records; per record, each thread the provider or the run started:");
                Console.WriteLine("| tid | name | user µs | system µs | voluntary switches | involuntary switches |");
                Console.WriteLine("|---:|---|---:|---:|---:|---:|");
                foreach (var first in started)
                {
                    if (ThreadTimes.Read(first.Id) is { } last)
                    {
                        Console.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"| {first.Id} | {first.Name} | {(last.UserMs - first.UserMs) * 1000 / records:0.00} | {(last.SystemMs - first.SystemMs) * 1000 / records:0.00} | {(last.Voluntary - first.Voluntary) / records:0.0000} | {(last.Involuntary - first.Involuntary) / records:0.0000} |"));
                    }
                }
            }

            Console.WriteLine($"lost: {await run.SinkLostAsync((long)Threads * ((WarmUp * warmUpRounds) + perThread)):N0}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // One method for the warm-up and the counted run, so the counted run's loop is already compiled to its last tier.
    private static void LogMany(ILogger logger, int thread, int count)
    {
        for (var i = 0; i < count; i++)
        {
            logger.LogInformation("Order {Thread} {Sequence} placed", thread, i);
        }
    }

    private static HashSet<int> ThreadIds() =>
        [.. Directory.EnumerateDirectories("/proc/self/task").Select(path => int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture))];

    /// <summary>One thread's CPU time (ms, at the clock tick's 10 ms resolution) and context switches so far.</summary>
    private sealed record ThreadTimes(int Id, string Name, double UserMs, double SystemMs, long Voluntary, long Involuntary)
    {
        public static ThreadTimes? Read(int id)
        {
            try
            {
                var folder = $"/proc/self/task/{id}";
                var stat = File.ReadAllText($"{folder}/stat");

                // "tid (name) state ...": the name may hold spaces, so the fields are counted from its closing parenthesis.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var status = File.ReadAllLines($"{folder}/status").Select(line => line.Split(':', 2)).ToDictionary(p => p[0], p => p[^1].Trim());
                return new(
                    id,
                    File.ReadAllText($"{folder}/comm").Trim(),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) * 10.0,
                    long.Parse(fields[12], CultureInfo.InvariantCulture) * 10.0,
                    long.Parse(status["voluntary_ctxt_switches"], CultureInfo.InvariantCulture),
                    long.Parse(status["nonvoluntary_ctxt_switches"], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended.
                return null;
            }
        }
    }
}
