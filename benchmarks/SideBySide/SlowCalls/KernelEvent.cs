namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// One event of <c>perf script --ns -F tid,cpu,time,event,trace</c>: when, on which core, its name, the thread it ran
/// in; for a <c>sched:sched_switch</c> also the thread switched out, its state (<c>R</c>: still runnable, so preempted)
/// and the thread switched in.
/// </summary>
internal readonly record struct KernelEvent(long Ns, int Core, string Name, int ThreadId, int SwitchedOut = 0, string SwitchedOutState = "", int SwitchedIn = 0)
{
    public const string Switch = "sched:sched_switch";
    public const string PageFault = "exceptions:page_fault_user";

    /// <summary>The interrupts (the local timer, a device, another core's call or reschedule) and the softirqs they leave.</summary>
    public static readonly IReadOnlySet<string> Interrupts = new HashSet<string>(StringComparer.Ordinal)
    {
        "irq_vectors:local_timer_entry",
        "irq:irq_handler_entry",
        "irq:softirq_entry",
        "irq_vectors:call_function_entry",
        "irq_vectors:call_function_single_entry",
        "irq_vectors:reschedule_entry",
    };
}
