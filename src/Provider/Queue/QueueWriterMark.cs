namespace LoguStyle.Queue;

/// <summary>
/// Marks the flow of a queue's writer: its thread, and everything that flows from it (continuations after an
/// <c>await</c> in an async delegate, tasks it starts). A record logged from there must never wait for room: the
/// writer it would wait for may be the one waiting for it. A thread-static mark missed the continuations.
/// </summary>
internal static class QueueWriterMark
{
    // Set once when a writer starts, never per record: the execution context carries it at no cost.
    private static readonly AsyncLocal<bool> InWriter = new();

    public static bool IsWriter => InWriter.Value;

    public static void Enter() => InWriter.Value = true;
}
