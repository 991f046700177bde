namespace LoguStyle.SideBySide.SlowCalls;

/// <summary>
/// One call a <see cref="SlowCallWatch"/> noted: its start on the monotonic clock and its length, in nanoseconds, the
/// operating system's id of its thread, the garbage collections during it, and whether it came first after a sleep.
/// </summary>
internal readonly record struct SlowCall(long StartNs, long Ns, int ThreadId, int Collections, bool AfterSleep);
