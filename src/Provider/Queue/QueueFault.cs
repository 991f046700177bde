#if DEBUG
namespace LoguStyle.Queue;

/// <summary>
/// Defects a test can switch on in the real queue under its scheduler (Debug builds only; see
/// <see cref="QueueSteps.Seeded"/>), so that the exhaustive search of the queue's schedules shows it finds what it exists
/// to find. Each is an error this code once had or nearly had.
/// </summary>
internal enum QueueFault
{
    /// <summary>None switched on.</summary>
    None,

    /// <summary>A caller's end ignores dispose's give-up: a record the give-up counted as dropped is counted again (refused or dropped) by its caller.</summary>
    GiveUpIgnored,

    /// <summary>A caller reads the count of callers gone after it takes its ticket (issue 15 item 8): the queue overshoots its capacity.</summary>
    GoneReadAfterTicket,

    /// <summary>The writer completes the flushes it reached before the inner flush, not after it (issue 15 item 2): a flush completes before its records are flushed.</summary>
    FlushBeforeInnerFlush,

    /// <summary>A woken caller that finds room beyond its own does not wake the next sleeper: a sleeper stays asleep while there is room.</summary>
    NoRelay,

    /// <summary>The writer goes round again when the completed channel runs empty instead of ending (issue 15 item 3): it never ends after dispose.</summary>
    WriterIgnoresEnd,

    /// <summary>A DropOldest caller looks at the oldest record instead of taking it out: the record is counted as dropped and still written.</summary>
    RemoveOldestPeeks,
}
#endif
