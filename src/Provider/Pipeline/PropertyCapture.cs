namespace LoguStyle.Pipeline;

/// <summary>How a record gets the template's named values (<see cref="CapturePlan"/>).</summary>
internal enum PropertyCapture
{
    /// <summary>No sink reads them: MEL's state is not read for them (reading a <c>[LoggerMessage]</c> state boxes).</summary>
    None,

    /// <summary>Read from MEL's state when a sink asks, during the call: the record does not outlive it.</summary>
    FromState,

    /// <summary>Copied now: the record outlives the call, and only the caller's thread reads the values.</summary>
    Copy,

    /// <summary>Copied now, mutable values snapshotted: a queue's writer reads them later, beside the caller.</summary>
    Snapshot,
}
