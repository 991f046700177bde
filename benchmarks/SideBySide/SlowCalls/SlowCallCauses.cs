using System.Globalization;
using System.Text;

namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// Lays each slow call beside the kernel's events on its core while it ran (<see cref="KernelTrace"/>) and counts what
/// they met (<see cref="SlowCallCause"/>). The events are the guest kernel's: a virtual core the host stopped shows as
/// no event at all.
/// </summary>
internal static class SlowCallCauses
{
    public static SlowCallCause Of(SlowCall call, KernelTrace trace)
    {
        if (call.Collections > 0)
        {
            return SlowCallCause.Collection;
        }

        if (trace.CoreOf(call.ThreadId, call.StartNs) is not { } core)
        {
            return SlowCallCause.CoreNotKnown;
        }

        var events = trace.On(core, call.StartNs, call.StartNs + call.Ns);
        foreach (var e in events)
        {
            if (e.Name == KernelEvent.Switch && e.SwitchedOut == call.ThreadId)
            {
                return e.SwitchedOutState.StartsWith('R') ? SlowCallCause.Preempted : SlowCallCause.Blocked;
            }
        }

        if (events.Any(e => e.Name == KernelEvent.PageFault && e.ThreadId == call.ThreadId))
        {
            return SlowCallCause.PageFault;
        }

        if (events.Any(e => KernelEvent.Interrupts.Contains(e.Name)))
        {
            return SlowCallCause.Interrupt;
        }

        return events.Count > 0 ? SlowCallCause.OtherEvent : SlowCallCause.NoEvent;
    }

    /// <summary>The table slowcalls.sh prints: per cause, the calls, their share and their median length.</summary>
    public static string Table(IReadOnlyList<SlowCall> calls, KernelTrace trace)
    {
        var byCause = calls.GroupBy(c => Of(c, trace)).ToDictionary(g => g.Key, g => g.Select(c => c.Ns).Order().ToList());
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{calls.Count:N0} calls noted, {trace.Count:N0} kernel events");
        text.AppendLine("| what the call met | calls | share | median |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var cause in Enum.GetValues<SlowCallCause>())
        {
            if (byCause.TryGetValue(cause, out var lengths))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {Describe(cause)} | {lengths.Count:N0} | {100.0 * lengths.Count / calls.Count:0.0} % | {lengths[lengths.Count / 2] / 1000.0:0.0} µs |");
            }
        }

        return text.ToString();
    }

    public static string Describe(SlowCallCause cause) => cause switch
    {
        SlowCallCause.Collection => "a garbage collection ran during it",
        SlowCallCause.Preempted => "its thread was switched out, runnable (another thread took its core)",
        SlowCallCause.Blocked => "its thread was switched out to wait",
        SlowCallCause.PageFault => "its thread took a page fault",
        SlowCallCause.Interrupt => "an interrupt or softirq on its core",
        SlowCallCause.OtherEvent => "another kernel event on its core (a wake-up)",
        SlowCallCause.NoEvent => "no kernel event on its core",
        _ => "its core is not known",
    };
}
