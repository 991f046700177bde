using System.Runtime;

namespace LoguStyle.SyslogThroughput;

/// <summary>
/// A warm-up that ends when the JIT is done: rounds of the same work until one round, and the pause after it, made the
/// runtime compile no method (<see cref="JitInfo.GetCompiledMethodCount"/>), at most <see cref="MaxRounds"/>.
/// </summary>
/// <remarks>
/// Why not a fixed number of records: the runtime compiles a hot method up to three times (quick, instrumented, then
/// optimized), each step after its calls were counted and a pause in which nothing else was compiled, so the tiers of a
/// long call path settle only after several rounds. After one round of 50,000 records a thread, a count of the sink's
/// run (probe) found the compiler thread busy for a fifth of the process's CPU time, recompiling the send path and
/// MEL's calls: CPU that, on 2 cores, the timed run took from rsyslogd while the floor's few methods were long done.
/// </remarks>
internal static class JitWarmUp
{
    /// <summary>The most rounds a warm-up runs (a side whose JIT never settles is timed anyway, and its count printed).</summary>
    public const int MaxRounds = 8;

    // After a round: the runtime promotes a method once no new method was compiled for 100 ms (its call-counting delay),
    // then compiles it on a background thread.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    /// <summary>Methods the JIT has compiled in this process so far (every thread).</summary>
    public static long Compiled() => JitInfo.GetCompiledMethodCount(currentThread: false);

    /// <summary>Runs <paramref name="round"/> until a round compiled nothing new; returns the rounds it took.</summary>
    public static async Task<int> RunAsync(Func<Task> round)
    {
        for (var rounds = 1; ; rounds++)
        {
            var before = Compiled();
            await round();
            await Task.Delay(Pause);
            if (Compiled() == before || rounds == MaxRounds)
            {
                return rounds;
            }
        }
    }
}
