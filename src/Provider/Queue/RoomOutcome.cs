namespace LoguStyle.Queue;

/// <summary>What a caller that found its <see cref="QueuedSink"/> full does with its record (QueuedSink.MakeRoom).</summary>
internal enum RoomOutcome
{
    /// <summary>
    /// Queue it under the ticket returned: there is room (a DropOldest caller made it), or the queue was completed before
    /// the caller came, and the channel write that follows refuses the record (counted as refused, as after dispose).
    /// </summary>
    Queued,

    /// <summary>
    /// A Wait-mode caller that came while the queue was open waited and found room. It is still counted among the callers
    /// waiting (the exit's give-up waits for them) until its channel write settles the record; a write the completed
    /// channel refuses then is a drop, as for a caller still waiting when the queue closed, not a refusal.
    /// </summary>
    QueuedAfterWait,

    /// <summary>Nothing to queue: the record was dropped (counted and reported), or a give-up counted it. The call is over.</summary>
    Dropped,

    /// <summary>
    /// A Wait-mode caller that found the queue full after it was completed (a call after a dispose or an exit's give-up):
    /// the channel write that follows refuses the record, and the caller counts it as refused at once, without waiting
    /// for a give-up's count: waiting, it would hold its ticket open, and the give-up would count it as queued above the
    /// capacity.
    /// </summary>
    Refused,
}
