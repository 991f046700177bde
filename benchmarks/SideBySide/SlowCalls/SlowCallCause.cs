namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>What a slow call met, as far as the kernel's events tell: the first of these that fits it (<see cref="SlowCallCauses"/>).</summary>
internal enum SlowCallCause
{
    /// <summary>A garbage collection ran during it (the runner read the collection count around it).</summary>
    Collection,

    /// <summary>Its thread was switched out while runnable: another thread took its core.</summary>
    Preempted,

    /// <summary>Its thread was switched out to wait (state S or D).</summary>
    Blocked,

    /// <summary>Its thread took a page fault.</summary>
    PageFault,

    /// <summary>An interrupt (the local timer, a device, another core's call) or a softirq on its core.</summary>
    Interrupt,

    /// <summary>Another event on its core, such as a wake-up it sent.</summary>
    OtherEvent,

    /// <summary>No event on its core at all: a stall of the virtual core the guest's kernel did not see, or the call's own code.</summary>
    NoEvent,

    /// <summary>The trace does not say which core the thread ran on then.</summary>
    CoreNotKnown,
}
