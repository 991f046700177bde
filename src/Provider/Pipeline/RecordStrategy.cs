namespace LoguStyle.Pipeline;

/// <summary>Where a logging call gets its record, and so when its message is rendered (<see cref="CapturePlan"/>).</summary>
internal enum RecordStrategy
{
    /// <summary>
    /// Every sink formats the record before the call returns: the thread's one record is reused, and the message of
    /// MEL's template state is written straight to UTF-8 from the parsed template, its string never made.
    /// </summary>
    Reuse,

    /// <summary>
    /// Every sink is a queue in front of a sink that formats at once: the record comes from the pool, and when MEL's state
    /// holds only immutable values they are copied and the message is rendered on the writer.
    /// </summary>
    Pool,

    /// <summary>A sink may keep the record (user code): a new record each call, its message rendered now.</summary>
    Own,
}
