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
/// <para>Giving up (<see cref="Abandon"/>) counts the records still in the channel as dropped, and leaves the record in
/// the writer's hands in flight: the stuck sink may still write it, and then it is counted as written, once. The
/// writer's take and the freeze are one atomic word (<see cref="AbandonedBit"/> on <c>taken</c>), so each record is
/// either taken before the freeze (the writer settles it) or after (the abandon counted it), never both.</para>
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
    public long Tickets => Volatile.Read(ref _tickets.Value);

    /// <summary>Tickets whose record never entered the channel: dropped at entry, refused or withdrawn.</summary>
    public long Gone => Volatile.Read(ref _gone.Value);

    public long Accepted => Tickets - Volatile.Read(ref _withdrawn);

    public long Taken => Volatile.Read(ref _taken.Value) & ~AbandonedBit;

    public long Written => Volatile.Read(ref _written.Value);

    public long Dropped => Volatile.Read(ref _droppedAtEntry) + Volatile.Read(ref _removed.Value) + Volatile.Read(ref _abandoned);

    public long Refused => Volatile.Read(ref _refused);

    /// <summary>Records accepted and not yet settled (queued or in flight), from the invariant.</summary>
    public long Outstanding => Accepted - Written - Dropped - Refused;

    /// <summary>Records in the channel by the room rule (callers half way through count as queued).</summary>
    public long Queued => Tickets - Gone - Math.Max(Taken, Volatile.Read(ref _abandonedUpTo)) - Volatile.Read(ref _removed.Value);

    /// <summary>Records dropped at entry (DropWrite, a record logged from inside a writer, a caller that stopped waiting).</summary>
    public long DroppedAtEntry => Volatile.Read(ref _droppedAtEntry);

    // Hot path: two reads of lines that rarely change and one increment of the callers' own line.
    public long TakeTicket(out long goneBefore)
    {
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

    public void DropAtEntry()
    {
        QueueSteps.Step("counters.dropatentry");
        Interlocked.Increment(ref _droppedAtEntry);
        QueueSteps.Step("counters.dropatentry-gone");
        Interlocked.Increment(ref _gone.Value);
    }

    public void Refuse()
    {
        QueueSteps.Step("counters.refuse");
        Interlocked.Increment(ref _refused);
        QueueSteps.Step("counters.refuse-gone");
        Interlocked.Increment(ref _gone.Value);
    }

    public void Withdraw()
    {
        QueueSteps.Step("counters.withdraw");
        Interlocked.Increment(ref _withdrawn);
        QueueSteps.Step("counters.withdraw-gone");
        Interlocked.Increment(ref _gone.Value);
    }

    public void Remove()
    {
        QueueSteps.Step("counters.remove");
        Interlocked.Increment(ref _removed.Value);
    }

    /// <summary>
    /// Dispose gave up: freezes the writer's count and counts every record still in the channel as dropped (the one in
    /// the writer's hands stays in flight). Exact once no caller is half way through its write and no DropOldest caller
    /// is taking a record out (the provider waits for its callers, the queue for its removers). Returns the records counted.
    /// </summary>
    public long Abandon()
    {
        QueueSteps.Step("counters.abandon-freeze");
        var takenBefore = Interlocked.Or(ref _taken.Value, AbandonedBit) & ~AbandonedBit;
        QueueSteps.Step("counters.abandon-count");
        var left = Math.Max(0, Tickets - Gone - takenBefore - Volatile.Read(ref _removed.Value));
        Volatile.Write(ref _abandonedUpTo, takenBefore + left);
        Interlocked.Add(ref _abandoned, left);
        return left;
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
