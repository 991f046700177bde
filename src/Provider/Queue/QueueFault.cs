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
}
#endif
