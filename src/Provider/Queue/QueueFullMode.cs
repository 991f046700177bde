namespace LoguStyle.Queue;

/// <summary>What an enqueued sink does when its queue is full.</summary>
public enum QueueFullMode
{
    /// <summary>The logging call waits for room: nothing is lost (the default).</summary>
    Wait,

    /// <summary>The oldest queued record is dropped to make room; every drop is counted and reported.</summary>
    DropOldest,

    /// <summary>The record being logged is dropped; every drop is counted and reported.</summary>
    DropNewest,
}
