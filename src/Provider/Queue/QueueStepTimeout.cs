#if DEBUG
namespace LoguStyle.Queue;

/// <summary>When a scheduled wait may time out (see <see cref="IQueueStepScheduler.Block"/>).</summary>
internal enum QueueStepTimeout
{
    /// <summary>Never: only what it waits for lets it go on.</summary>
    None,

    /// <summary>Only when no other thread can move: time passes when everyone waits (a nap, a wait with a far bound).</summary>
    WhenIdle,

    /// <summary>At any moment: a bound the test cannot place in time (dispose's drain timeout, the give-up).</summary>
    AnyTime,
}
#endif
