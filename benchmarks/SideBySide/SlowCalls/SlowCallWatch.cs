using System.Diagnostics;
using System.Globalization;
using LoguStyle.SideBySide.Latency;

namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// Notes every call of at least a threshold (<see cref="SlowCall"/>): when it started on the monotonic clock, which
/// <c>perf record -k CLOCK_MONOTONIC</c> stamps its events with, how long it took, the operating system's id of its
/// thread, and whether a garbage collection ran during it (<see cref="GC.CollectionCount"/> read around the call, outside
/// its timing). What else happened on the thread's core meanwhile, <see cref="SlowCallCauses"/> reads from perf's events.
/// </summary>
internal struct SlowCallWatch : ICallWatch
{
    private readonly SlowCallList _calls;
    private readonly long _thresholdNs;
    private int _threadId;

    public SlowCallWatch(SlowCallList calls, long thresholdNs)
    {
        // Linux's Stopwatch reads CLOCK_MONOTONIC in nanoseconds: the timestamps are perf's, as they are.
        if (Stopwatch.Frequency != 1_000_000_000)
        {
            throw new PlatformNotSupportedException($"slowcalls needs a Stopwatch that counts nanoseconds of the monotonic clock (Linux); this one counts {Stopwatch.Frequency}/s");
        }

        _calls = calls;
        _thresholdNs = thresholdNs;
    }

    public void StartThread()
    {
        // /proc/thread-self links to /proc/<pid>/task/<tid>: the id perf's events name the thread by.
        var task = new DirectoryInfo("/proc/thread-self").ResolveLinkTarget(returnFinalTarget: false)
            ?? throw new PlatformNotSupportedException("/proc/thread-self is not a link: slowcalls runs on Linux only");
        _threadId = int.Parse(task.Name, CultureInfo.InvariantCulture);
    }

    public readonly int Mark() => GC.CollectionCount(0);

    public readonly void Saw(long startTimestamp, long ticks, int mark, bool afterSleep)
    {
        if (ticks >= _thresholdNs)
        {
            _calls.Add(new SlowCall(startTimestamp, ticks, _threadId, GC.CollectionCount(0) - mark, afterSleep));
        }
    }
}
