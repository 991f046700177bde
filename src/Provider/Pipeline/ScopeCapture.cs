namespace LoguStyle.Pipeline;

/// <summary>How a record gets the active scopes (<see cref="CapturePlan"/>).</summary>
internal enum ScopeCapture
{
    /// <summary>No sink reads scopes.</summary>
    None,

    /// <summary>The scope objects as they are: every sink reads them on the caller's thread.</summary>
    Live,

    /// <summary>Mutable scopes snapshotted: a queue's writer reads them later, when the caller may have changed them.</summary>
    Snapshot,
}
