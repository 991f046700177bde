namespace LoguStyle.Queue;

/// <summary>
/// The counts of one queue, and the room arithmetic on them. Each count is on its own cache line: the callers write
/// theirs and the writer writes its own for every record, and side by side they would drag one line between cores.
/// </summary>
/// <remarks>
/// <para>The invariant, exact whenever no call is half way through one of its steps:</para>
/// <code>accepted = queued + in flight + written + dropped + refused</code>
/// <list type="bullet">
/// <item><c>accepted</c> = <see cref="Tickets"/> - <c>withdrawn</c>: records that entered the queue's write (a caller
/// that had to wait gave its ticket back, <c>withdrawn</c>, and took a new one when there was room);</item>
/// <item><c>queued</c>: records in the channel (or between a caller's decision and its channel write);</item>
/// <item><c>in flight</c>: the record the writer took and has not finished (0 or 1) = <c>taken - written</c>, where
/// <c>taken</c> stops at the count frozen by <see cref="Abandon"/> (records taken after it are among the abandoned);</item>
/// <item><c>written</c>: records the writer handed to the inner sink (a failure there is the inner sink's error count);</item>
/// <item><c>dropped</c>: refused at entry because the queue was full (DropWrite, or a record logged from inside a
/// writer), taken out by a caller to make room (DropOldest), or abandoned when dispose gave up;</item>
/// <item><c>refused</c>: offered after the queue was completed (the sink is being disposed).</item>
/// </list>
/// <para>The room rule: a caller reads <see cref="Gone"/> first, then takes its ticket <c>t</c>, and may queue its record
/// when <c>t - gone - taken - removed &lt;= capacity</c>. Reading <c>gone</c> before the ticket makes it count only the
/// callers ahead of it that left: a caller behind it that dropped its own record had counted this one as queued,
/// and must not make room for it (otherwise both fit and the queue overshoots). <c>taken</c> and <c>removed</c> only
/// grow, so older values only make the queue look fuller. The model in QueueProtocolModelTests checks this.</para>
/// <para>Giving up (<see cref="Abandon"/>) counts as dropped every ticket not yet settled and not taken by the writer: the
/// records still in the channel, and the callers half way through their write (between their ticket and their channel
/// write, which the completed channel will refuse). It leaves the record in the writer's hands in flight: the stuck sink
/// may still write it, and then it is counted as written, once. Each count that settles a record and the freeze share an
/// atomic word, so each record is settled by exactly one side whatever the order: the writer's take and the freeze of
/// <c>taken</c> (<see cref="AbandonedBit"/>); a caller's end (dropped, refused, withdrawn) and the freeze of <c>gone</c>,
/// then of <c>tickets</c>. A caller whose ticket was taken before the freeze of the tickets and who leaves after the
/// freeze of <c>gone</c> was counted by the give-up and counts nothing more (its call returns quietly); a ticket taken
/// after carries the bit and is settled by its caller. Every <c>gone</c> belongs to an earlier ticket, so freezing
/// <c>gone</c> first makes <c>tickets - gone</c> count exactly the tickets still open.</para>
/// </remarks>
internal sealed class QueueCounters
{
    private PaddedCounter _tickets;
    private PaddedCounter _gone;
    private PaddedCounter _removed;

    // Written by the writer alone (Volatile.Write, read by the callers with Volatile.Read: a locked read would be a
    // write to the writer's line). The callers read the copy published every 64 records, which shows the queue up to
    // 63 records fuller than it is, never emptier, and read the exact one only when that copy says full.
    // Set on _taken by Abandon: the writer's increment that returns it knows its record was already counted as dropped.
    private const long AbandonedBit = 1L << 62;

    private PaddedCounter _taken;
    private PaddedCounter _takenEarlier;
    private PaddedCounter _written;

    // Rare paths only.
    private long _withdrawn;
    private long _droppedAtEntry;
    private long _refused;
    private long _abandoned;

    // After Abandon: the writer's count once it has thrown away the records counted then (they are no longer queued).
    private long _abandonedUpTo;

    public QueueCounters(int capacity)
    {
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Every ticket taken (a record accepted, or a try a waiting caller withdrew).</summary>
    public long Tickets => Volatile.Read(ref _tickets.Value) & ~AbandonedBit;

    /// <summary>Tickets whose record never entered the channel: dropped at entry, refused or withdrawn.</summary>
    public long Gone => Volatile.Read(ref _gone.Value) & ~AbandonedBit;

    public long Accepted => Tickets - Volatile.Read(ref _withdrawn);

    public long Taken => Volatile.Read(ref _taken.Value) & ~AbandonedBit;

    public long Written => Volatile.Read(ref _written.Value);

    public long Dropped => Volatile.Read(ref _droppedAtEntry) + Volatile.Read(ref _removed.Value) + Volatile.Read(ref _abandoned);

    public long Refused => Volatile.Read(ref _refused);

    /// <summary>Records accepted and not yet settled (queued or in flight), from the invariant.</summary>
    public long Outstanding => Accepted - Written - Dropped - Refused;

    /// <summary>
    /// Records in the channel by the room rule (callers half way through count as queued). After a give-up, the callers
    /// it counted while half way leave without a record in the channel: it stays at 0.
    /// </summary>
    public long Queued => Math.Max(0, Tickets - Gone - Math.Max(Taken, Volatile.Read(ref _abandonedUpTo)) - Volatile.Read(ref _removed.Value));

    /// <summary>Records dropped at entry (DropWrite, a record logged from inside a writer, a caller that stopped waiting).</summary>
    public long DroppedAtEntry => Volatile.Read(ref _droppedAtEntry);

    // Hot path: two reads of lines that rarely change and one increment of the callers' own line.
    public long TakeTicket(out long goneBefore)
    {
#if DEBUG
        if (QueueSteps.Seeded(QueueFault.GoneReadAfterTicket))
        {
            QueueSteps.Step("counters.take-ticket");
            var ticket = Interlocked.Increment(ref _tickets.Value);
            QueueSteps.Step("counters.read-gone");
            goneBefore = Volatile.Read(ref _gone.Value);
            return ticket;
        }
#endif
        QueueSteps.Step("counters.read-gone");
        goneBefore = Volatile.Read(ref _gone.Value);
        QueueSteps.Step("counters.take-ticket");
        return Interlocked.Increment(ref _tickets.Value);
    }

    /// <summary>True when the record of <paramref name="ticket"/> does not fit (see the room rule).</summary>
    public bool IsFull(long ticket, long goneBefore)
    {
        // One step: removed and taken only grow, so reading them at once or apart gives the same answers.
        QueueSteps.Step("counters.is-full");
        var ahead = ticket - goneBefore - Volatile.Read(ref _removed.Value);
        return ahead - Volatile.Read(ref _takenEarlier.Value) > Capacity && ahead - Taken > Capacity;
    }

    /// <summary>True when more than half the queue waits for the writer (the caller then formats the record itself).</summary>
    public bool IsBehind(long ticket, long goneBefore) => ticket - goneBefore - Volatile.Read(ref _takenEarlier.Value) > Capacity / 2;

    /// <summary>True when at least one record fits, for a caller that holds no ticket.</summary>
    public bool HasRoom
    {
        get
        {
            QueueSteps.Step("counters.has-room");
            return Queued < Capacity;
        }
    }

    /// <summary>
    /// True when at least <paramref name="count"/> records fit, for a caller that holds no ticket, by the writer's count
    /// published every 64 records: never more room than there is. A waiting caller that spins reads this, not the exact
    /// count the writer writes for every record, so its loop does not pull that line away from the writer each turn.
    /// </summary>
    public bool HasRoomFor(int count) =>
        Tickets - Gone - Volatile.Read(ref _takenEarlier.Value) - Volatile.Read(ref _removed.Value) <= Capacity - count;

    /// <summary>
    /// The record of <paramref name="ticket"/> was dropped at entry. False when the give-up already counted it (the caller
    /// then counts and reports nothing more).
    /// </summary>
    public bool DropAtEntry(long ticket)
    {
        QueueSteps.Step("counters.dropatentry-gone");
        if (SettledByGiveUp(ticket))
        {
            return false;
        }

        QueueSteps.Step("counters.dropatentry");
        Interlocked.Increment(ref _droppedAtEntry);
        return true;
    }

    /// <summary>
    /// The record of <paramref name="ticket"/> was offered after the queue was completed. False when the give-up already
    /// counted it as dropped.
    /// </summary>
    public bool Refuse(long ticket)
    {
        QueueSteps.Step("counters.refuse-gone");
        if (SettledByGiveUp(ticket))
        {
            return false;
        }

        QueueSteps.Step("counters.refuse");
        Interlocked.Increment(ref _refused);
        return true;
    }

    /// <summary>
    /// A waiting caller gives <paramref name="ticket"/> back. False when the give-up already counted its record as
    /// dropped: the caller must not take another ticket for it.
    /// </summary>
    public bool Withdraw(long ticket)
    {
        QueueSteps.Step("counters.withdraw-gone");
        if (SettledByGiveUp(ticket))
        {
            return false;
        }

        QueueSteps.Step("counters.withdraw");
        Interlocked.Increment(ref _withdrawn);
        return true;
    }

    // The caller's end of a ticket, counted in gone first (so the room rule sees it at once). True when the give-up froze
    // gone before this increment and the ticket was taken before it froze the tickets: the give-up counted the record.
    private bool SettledByGiveUp(long ticket)
    {
        var settled = (Interlocked.Increment(ref _gone.Value) & AbandonedBit) != 0 && (ticket & AbandonedBit) == 0;
#if DEBUG
        settled &= !QueueSteps.Seeded(QueueFault.GiveUpIgnored);
#endif
        return settled;
    }

    public void Remove()
    {
        QueueSteps.Step("counters.remove");
        Interlocked.Increment(ref _removed.Value);
    }

    /// <summary>
    /// Dispose gave up, after it completed the channel: freezes the writer's count, then the callers' (see the remarks),
    /// and counts every open ticket as dropped: the records still in the channel and the callers half way through their
    /// write (the one record in the writer's hands stays in flight). Exact once no DropOldest caller is taking a record
    /// out (the queue waits for its removers). Returns the records counted and those in flight.
    /// </summary>
    public (long Left, long InFlight) Abandon()
    {
        QueueSteps.Step("counters.abandon-freeze");
        var takenBefore = Interlocked.Or(ref _taken.Value, AbandonedBit) & ~AbandonedBit;
        QueueSteps.Step("counters.abandon-freeze-gone");
        var gone = Interlocked.Or(ref _gone.Value, AbandonedBit) & ~AbandonedBit;
        QueueSteps.Step("counters.abandon-freeze-tickets");
        var tickets = Interlocked.Or(ref _tickets.Value, AbandonedBit) & ~AbandonedBit;
        var left = Math.Max(0, tickets - gone - takenBefore - Volatile.Read(ref _removed.Value));
        Volatile.Write(ref _abandonedUpTo, takenBefore + left);
        Interlocked.Add(ref _abandoned, left);
        return (left, takenBefore - Written);
    }

    /// <summary>
    /// The writer took a record out of the channel (writer only): false when dispose gave up before, and the record was
    /// counted as dropped then. The locked increment is also the full fence between publishing the count and reading
    /// whether callers wait for room (see <see cref="RoomGate"/>).
    /// </summary>
    public bool Take()
    {
        QueueSteps.Step("counters.take");
        var taken = Interlocked.Increment(ref _taken.Value);
        if ((taken & AbandonedBit) != 0)
        {
            return false;
        }

        if ((taken & 63) == 0)
        {
            Volatile.Write(ref _takenEarlier.Value, taken);
        }

        return true;
    }

    /// <summary>The channel ran empty: the callers' copy catches up (writer only).</summary>
    public void PublishTaken(long taken)
    {
        QueueSteps.Step("counters.publish-taken");
        Volatile.Write(ref _takenEarlier.Value, taken);
    }

    /// <summary>The writer finished a record (writer only).</summary>
    public void Wrote(long written)
    {
        QueueSteps.Step("counters.wrote");
        Volatile.Write(ref _written.Value, written);
    }
}
