using System.Globalization;
using System.Text.RegularExpressions;

namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// The events of a <c>perf record -a</c> by core, in time order, and which thread ran on which core when (from the
/// switches): what <see cref="SlowCallCauses"/> lays a slow call beside.
/// </summary>
internal sealed partial class KernelTrace
{
    private readonly Dictionary<int, KernelEvent[]> _byCore = [];
    private readonly Dictionary<int, long[]> _times = [];
    private readonly Dictionary<int, List<(long From, long To, int Core)>> _runs = [];

    private KernelTrace()
    {
    }

    /// <summary>Events read (lines that are not an event, such as perf's warnings, are left out).</summary>
    public int Count { get; private set; }

    /// <summary>Reads <c>perf script --ns -F tid,cpu,time,event,trace</c>.</summary>
    public static KernelTrace Parse(IEnumerable<string> lines)
    {
        var trace = new KernelTrace();
        var onCore = new Dictionary<int, (int Thread, long Since)>();
        var events = new List<KernelEvent>();
        foreach (var line in lines)
        {
            if (Read(line) is { } e)
            {
                events.Add(e);
            }
        }

        var byCore = new Dictionary<int, List<KernelEvent>>();
        foreach (var e in events.OrderBy(e => e.Ns))
        {
            if (e.Name == KernelEvent.Switch)
            {
                if (onCore.TryGetValue(e.Core, out var was))
                {
                    trace.RunsOf(was.Thread).Add((was.Since, e.Ns, e.Core));
                }

                onCore[e.Core] = (e.SwitchedIn, e.Ns);
            }

            if (!byCore.TryGetValue(e.Core, out var list))
            {
                byCore[e.Core] = list = [];
            }

            list.Add(e);
            trace.Count++;
        }

        // A thread still on its core at the trace's end ran there until then.
        foreach (var (core, run) in onCore)
        {
            trace.RunsOf(run.Thread).Add((run.Since, long.MaxValue, core));
        }

        foreach (var (core, list) in byCore)
        {
            trace._byCore[core] = [.. list];
            trace._times[core] = [.. list.Select(e => e.Ns)];
        }

        return trace;
    }

    /// <summary>The core <paramref name="threadId"/> ran on at <paramref name="ns"/>; null when the trace does not say.</summary>
    public int? CoreOf(int threadId, long ns)
    {
        if (!_runs.TryGetValue(threadId, out var runs))
        {
            return null;
        }

        // The last run that began at or before ns (runs of one thread do not overlap, and were added in time order).
        int lo = 0, hi = runs.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (runs[mid].From <= ns)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo > 0 && ns <= runs[lo - 1].To ? runs[lo - 1].Core : null;
    }

    /// <summary>The events on <paramref name="core"/> from <paramref name="fromNs"/> to <paramref name="toNs"/>, both included.</summary>
    public ArraySegment<KernelEvent> On(int core, long fromNs, long toNs)
    {
        if (!_times.TryGetValue(core, out var times))
        {
            return ArraySegment<KernelEvent>.Empty;
        }

        var from = LowerBound(times, fromNs);
        var to = LowerBound(times, toNs + 1);
        return new ArraySegment<KernelEvent>(_byCore[core], from, to - from);
    }

    private static int LowerBound(long[] times, long ns)
    {
        var i = Array.BinarySearch(times, ns);
        if (i < 0)
        {
            return ~i;
        }

        while (i > 0 && times[i - 1] == ns)
        {
            i--;
        }

        return i;
    }

    private List<(long From, long To, int Core)> RunsOf(int thread)
    {
        if (!_runs.TryGetValue(thread, out var runs))
        {
            _runs[thread] = runs = [];
        }

        return runs;
    }

    private static KernelEvent? Read(string line)
    {
        var m = EventLine().Match(line);
        if (!m.Success)
        {
            return null;
        }

        var thread = int.Parse(m.Groups["tid"].Value, CultureInfo.InvariantCulture);
        var core = int.Parse(m.Groups["cpu"].Value, CultureInfo.InvariantCulture);
        var ns = (long.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) * 1_000_000_000) + long.Parse(m.Groups["ns"].Value.PadRight(9, '0'), CultureInfo.InvariantCulture);
        var name = m.Groups["event"].Value;
        if (name != KernelEvent.Switch)
        {
            return new KernelEvent(ns, core, name, thread);
        }

        var s = SwitchTrace().Match(m.Groups["trace"].Value);
        return s.Success
            ? new KernelEvent(ns, core, name, thread, int.Parse(s.Groups["prev"].Value, CultureInfo.InvariantCulture), s.Groups["state"].Value, int.Parse(s.Groups["next"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^\s*(?<tid>\d+)\s+\[(?<cpu>\d+)\]\s+(?<s>\d+)\.(?<ns>\d+):\s+(?<event>\S+):\s*(?<trace>.*)$")]
    private static partial Regex EventLine();

    [GeneratedRegex(@"prev_pid=(?<prev>\d+) prev_prio=\d+ prev_state=(?<state>\S+) ==> next_comm=.*? next_pid=(?<next>\d+)")]
    private static partial Regex SwitchTrace();
}
