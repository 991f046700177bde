namespace LoguStyle;

/// <summary>What an enqueued sink does when its queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>The logging call waits for room: nothing is lost (the default).</summary>
    Wait,

    /// <summary>The oldest queued record is dropped to make room; every drop is counted and reported.</summary>
    DropOldest,

    /// <summary>
    /// The record being logged is dropped (the write is refused, as <c>BoundedChannelFullMode.DropWrite</c> does);
    /// every drop is counted and reported. Configuration also accepts the earlier name <c>DropNewest</c>, reported as
    /// obsolete at start-up.
    /// </summary>
    DropWrite,
}
