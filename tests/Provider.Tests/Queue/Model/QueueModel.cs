using System.Text;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The queue protocol of <see cref="QueuedSink"/> as a state machine, one atomic step of the real code per step here:
/// the callers' Write (ticket, room rule, MakeRoom for each mode, WaitForRoom with its withdraw and retake, the
/// gate's sleepers, Monitor.Pulse and PulseAll, the relay of a wake-up), the writer loop (take, SignalOne, write,
/// count, SignalAll when empty, inner flush and barrier completion, Nap, park), FlushAsync's barrier and Dispose's
/// stop-waiting, complete, close. A restatement of the code, not the code itself: a change to QueuedSink or RoomGate
/// must be made here too. A caller that waits for room while the queue is open is never refused: its record is written or dropped (outside15f D2). Not modelled: dispose giving up (QueueCounters.Abandon), generations and reloads. <see cref="QueueModelExplorer"/> runs every interleaving. Threads: callers
/// 0..n-1, then the writer, the flusher and the disposer.
/// </summary>
internal sealed class QueueModel
{
    public const int Marker = -1;

    public QueueModel(QueueFullMode mode, int capacity, int producers, int recordsEach, bool flusher, bool disposer)
    {
        Mode = mode;
        Capacity = capacity;
        RecordsEach = recordsEach;
        Producers = new Producer[producers];
        for (var p = 0; p < producers; p++)
        {
            Producers[p] = new Producer();
        }

        FlusherPc = flusher ? 0 : Done;
        DisposerPc = disposer ? 0 : Done;
        HadDisposer = disposer;
    }

    private QueueModel(QueueModel other)
    {
        Mode = other.Mode;
        Capacity = other.Capacity;
        RecordsEach = other.RecordsEach;
        ReadGoneAfterTicket = other.ReadGoneAfterTicket;
        NoRelay = other.NoRelay;
        RefuseWaitersAtClose = other.RefuseWaitersAtClose;
        HadDisposer = other.HadDisposer;
        LogsFromSink = other.LogsFromSink;
        (WriterTicket, WriterGoneBefore, ReturnedFromSink) = (other.WriterTicket, other.WriterGoneBefore, other.ReturnedFromSink);
        Producers = [.. other.Producers.Select(p => p with { })];
        Channel = [.. other.Channel];
        Output = [.. other.Output];
        Pending = new Queue<long>(other.Pending);
        (Tickets, Gone, Removed, Taken, Written, Withdrawn, DroppedAtEntry, Refused, Reached, Completed) =
            (other.Tickets, other.Gone, other.Removed, other.Taken, other.Written, other.Withdrawn, other.DroppedAtEntry, other.Refused, other.Reached, other.Completed);
        (ChannelCompleted, GateClosed, Stopped) = (other.ChannelCompleted, other.GateClosed, other.Stopped);
        (Waiting, Sleeping, WakeSent, PulseTokens) = (other.Waiting, other.Sleeping, other.WakeSent, other.PulseTokens);
        (WriterPc, WriterRecord, WriterAfterFlush, FlushedUpTo) = (other.WriterPc, other.WriterRecord, other.WriterAfterFlush, other.FlushedUpTo);
        WriterAfterSignal = other.WriterAfterSignal;
        (FlusherPc, FlusherSnapshot, FlusherWaitsForEnd, DisposerPc) = (other.FlusherPc, other.FlusherSnapshot, other.FlusherWaitsForEnd, other.DisposerPc);
        (Returned, DroppedSet, RefusedSet) = (other.Returned, other.DroppedSet, other.RefusedSet);
    }

    private const int Done = 99;

    public QueueFullMode Mode { get; }

    public int Capacity { get; }

    public int RecordsEach { get; }

    /// <summary>The defect of issue 15 item 8, for the model's own test: the drop count read after the ticket.</summary>
    public bool ReadGoneAfterTicket { get; init; }

    /// <summary>For the model's own test: a woken caller that finds room does not wake the next sleeper (no relay).</summary>
    public bool NoRelay { get; init; }

    /// <summary>
    /// The defect of outside15f D2, for the model's own test: a caller waiting for room when the queue is completed goes
    /// on to the channel write, which refuses its record (counted as the sink's error, not dropped).
    /// </summary>
    public bool RefuseWaitersAtClose { get; init; }

    /// <summary>The inner sink logs one record into its own queue when it writes caller 0's first record (issue 13 item 2).</summary>
    public bool LogsFromSink { get; init; }

    // The record the sink logs from inside the writer.
    private const int FromSink = 62;

    public Producer[] Producers { get; }

    public List<int> Channel { get; } = [];

    /// <summary>What the inner sink received, in order.</summary>
    public List<int> Output { get; } = [];

    // Flushes waiting, each with the records whose Write had returned when it was called (a bit per record).
    private Queue<long> Pending { get; } = new();

    private long Tickets, Gone, Removed, Taken, Written, Withdrawn, DroppedAtEntry, Refused, Reached, Completed;
    private bool ChannelCompleted, GateClosed, Stopped;

    // RoomGate: callers inside WaitForRoom, callers asleep (in the wait set or woken and not yet back in the lock), the
    // wake-up on its way, and Monitor.Pulse's effect: pulses not yet taken, never more than callers in the wait set
    // (a pulse with nobody in the wait set is lost); any caller in the wait set may take one (Monitor picks one).
    private int Waiting, Sleeping, WakeSent, PulseTokens;
    private int WriterPc, WriterRecord, FlushedUpTo;
    private int WriterAfterFlush;

    // Where the writer goes after SignalOne: the inner write (after a take), or the loop (after a drop from inside the sink).
    private int WriterAfterSignal;
    private long WriterTicket, WriterGoneBefore;
    private bool ReturnedFromSink;
    private int FlusherPc, DisposerPc;
    private bool FlusherWaitsForEnd;
    private long FlusherSnapshot, Returned, DroppedSet, RefusedSet;

    public int Threads => Producers.Length + 3;

    private int WriterId => Producers.Length;

    public QueueModel Clone() => new(this);

    private long Queued => Tickets - Gone - Taken - Removed;

    private int QueuedRecords => Channel.Count(item => item != Marker);

    private bool Full(Producer p) => p.Ticket - p.GoneBefore - Removed - Taken > Capacity;

    private int RecordOf(int producer, int index) => (producer * RecordsEach) + index;

    private static long Bit(int record) => 1L << record;

    /// <summary>
    /// A state where no thread can move is a proper end when every caller, the flusher and the disposer are done and
    /// the writer has ended (after a dispose) or is parked on an empty queue (no dispose); anything else is a deadlock.
    /// </summary>
    public bool IsProperEnd => Producers.All(p => p.Pc == Done) && FlusherPc == Done && DisposerPc == Done &&
        (WriterPc == Done || (!HadDisposer && WriterPc == 20 && Channel.Count == 0));

    private bool HadDisposer { get; init; }

    /// <summary>True when <paramref name="thread"/> can take a step now (a blocked wait is not enabled).</summary>
    public bool Enabled(int thread)
    {
        if (thread < Producers.Length)
        {
            var p = Producers[thread];
            return p.Pc switch
            {
                Done => false,
                5 => !p.InWaitSet || PulseTokens > 0 || GateClosed || Stopped,
                10 => !Full(p) || Channel.Count > 0 || GateClosed,
                _ => true,
            };
        }

        if (thread == WriterId)
        {
            return WriterPc switch
            {
                Done => false,
                20 => Channel.Count > 0 || ChannelCompleted,
                _ => true,
            };
        }

        return thread == WriterId + 1 ? FlusherPc != Done : DisposerPc != Done;
    }

    /// <summary>Takes one step of <paramref name="thread"/>; throws <see cref="ModelViolation"/> when an invariant breaks.</summary>
    public void Step(int thread)
    {
        if (thread < Producers.Length)
        {
            StepProducer(thread, Producers[thread]);
        }
        else if (thread == WriterId)
        {
            StepWriter();
        }
        else if (thread == WriterId + 1)
        {
            StepFlusher();
        }
        else
        {
            StepDisposer();
        }

        CheckAlways();
    }

    private void StepProducer(int id, Producer p)
    {
        var record = RecordOf(id, p.Next);
        switch (p.Pc)
        {
            case 0:
                if (p.Next == RecordsEach)
                {
                    p.Pc = Done;
                    return;
                }

                if (!ReadGoneAfterTicket)
                {
                    p.GoneBefore = Gone;
                }

                p.Pc = 1;
                return;
            case 1:
                p.Ticket = ++Tickets;
                p.Pc = ReadGoneAfterTicket ? 11 : 2;
                return;
            case 11:
                p.GoneBefore = Gone;
                p.Pc = 2;
                return;
            case 2:
                if (!Full(p))
                {
                    p.Pc = 9;
                    return;
                }

                WakeWriter();
                switch (Mode)
                {
                    case QueueFullMode.DropOldest:
                        p.Pc = 10;
                        return;
                    case QueueFullMode.Wait:
                        // MakeRoom's look at the gate: a caller that comes while the queue is open never has its record
                        // refused (written or dropped); one that comes after it was completed is refused.
                        p.CameOpen = !GateClosed;
                        p.Pc = 3;
                        return;
                    default:
                        Gone++;
                        DroppedAtEntry++;
                        DroppedSet |= Bit(record);
                        Finish(p, record);
                        return;
                }

            case 3:
                Withdrawn++;
                Gone++;
                p.Pc = 4;
                return;
            case 4:
                // RoomGate.WaitForRoom, under the gate's lock: count itself, then look at the counts.
                Waiting++;
                LookForRoom(p);
                return;
            case 5:
                // Back in the lock, woken by a pulse, by PulseAll, or by the stop (its wait timed out).
                if (p.InWaitSet)
                {
                    p.InWaitSet = false;
                    if (PulseTokens > 0 && !GateClosed && !Stopped)
                    {
                        PulseTokens--;
                    }
                }

                PulseTokens = Math.Min(PulseTokens, InWaitSet());
                Sleeping--;
                WakeSent = 0;
                LookForRoom(p);
                return;
            case 6:
                p.GoneBefore = Gone;
                p.Pc = 7;
                return;
            case 7:
                p.Ticket = ++Tickets;
                p.Pc = 8;
                return;
            case 8:
                if (RefuseWaitersAtClose ? !Full(p) || GateClosed : GateClosed ? !p.CameOpen : !Full(p))
                {
                    p.Pc = 9;
                }
                else if (Stopped || GateClosed)
                {
                    // Waiting stopped (dispose or reload), or the queue was completed while it waited, and still no
                    // room: dropped at entry, counted.
                    Gone++;
                    DroppedAtEntry++;
                    DroppedSet |= Bit(record);
                    Finish(p, record);
                }
                else
                {
                    p.Pc = 3;
                }

                return;
            case 9:
                if (ChannelCompleted && p.CameOpen && !RefuseWaitersAtClose)
                {
                    // It waited for room while the queue was open and found it, and the queue was completed just before
                    // its write: dropped, as a caller still waiting then is.
                    Gone++;
                    DroppedAtEntry++;
                    DroppedSet |= Bit(record);
                }
                else if (ChannelCompleted)
                {
                    if (p.CameOpen)
                    {
                        throw new ModelViolation($"record {record}, whose caller waited for room while the queue was open, was refused (counted as the sink's error, not dropped)");
                    }

                    Refused++;
                    Gone++;
                    RefusedSet |= Bit(record);
                }
                else
                {
                    Channel.Add(record);
                }

                Finish(p, record);
                return;
            case 10:
                if (!Full(p))
                {
                    p.Pc = 9;
                }
                else if (Channel.Count > 0)
                {
                    var head = Channel[0];
                    Channel.RemoveAt(0);
                    if (head == Marker)
                    {
                        Reached++;
                    }
                    else
                    {
                        Removed++;
                        DroppedSet |= Bit(head);
                    }
                }
                else
                {
                    p.Pc = 9;
                }

                return;
            default:
                throw new InvalidOperationException($"producer pc {p.Pc}");
        }
    }

    private void Finish(Producer p, int record)
    {
        p.CameOpen = false;
        Returned |= Bit(record);
        p.Next++;
        p.Pc = 0;
    }

    private static void WakeWriter()
    {
        // Ends a nap early; the model's nap ends at any time anyway (see the writer's step 10).
    }

    /// <summary>RoomGate.WaitForRoom's loop body, under the lock: leave with room (relaying a wake-up), leave when waiting ended, or sleep.</summary>
    private void LookForRoom(Producer p)
    {
        if (Queued < Capacity)
        {
            if (Sleeping > 0 && Queued < Capacity - 1 && !NoRelay)
            {
                Pulse();
            }

            Waiting--;
            p.Pc = 6;
        }
        else if (GateClosed || Stopped)
        {
            Waiting--;
            p.Pc = 6;
        }
        else
        {
            Sleeping++;
            p.InWaitSet = true;
            p.Pc = 5;
        }
    }

    // Monitor.Pulse under the gate's lock, with the wake-up marked as on its way.
    private void Pulse()
    {
        WakeSent = 1;
        if (PulseTokens < InWaitSet())
        {
            PulseTokens++;
        }
    }

    private void PulseAll()
    {
        WakeSent = 1;
        foreach (var p in Producers)
        {
            p.InWaitSet = false;
        }

        PulseTokens = 0;
    }

    private int InWaitSet() => Producers.Count(p => p.Pc == 5 && p.InWaitSet);

    private void StepWriter()
    {
        switch (WriterPc)
        {
            case 0:
                if (Channel.Count == 0)
                {
                    WriterPc = 4;
                    return;
                }

                var head = Channel[0];
                Channel.RemoveAt(0);
                if (head == Marker)
                {
                    Reached++;
                    WriterAfterFlush = 0;
                    WriterPc = 5;
                    return;
                }

                Taken++;
                WriterRecord = head;
                WriterAfterSignal = 1;
                WriterPc = Mode == QueueFullMode.Wait ? 2 : 1;
                return;
            case 2:
                // RoomGate.SignalOne, after the fenced take (or drop): the reads without the lock.
                WriterPc = Waiting != 0 && WakeSent == 0 ? 3 : WriterAfterSignal;
                return;
            case 3:
                // Under the lock.
                if (Sleeping > 0 && WakeSent == 0)
                {
                    Pulse();
                }

                WriterPc = WriterAfterSignal;
                return;
            case 1:
                // The inner write, and its count. With LogsFromSink, writing caller 0's first record logs one record
                // into the same queue from inside the sink (the writer's flow: it must never wait for room).
                Output.Add(WriterRecord);
                Written++;
                WriterPc = LogsFromSink && WriterRecord == 0 ? 30 : 0;
                return;
            case 30:
                WriterGoneBefore = Gone;
                WriterPc = 31;
                return;
            case 31:
                WriterTicket = ++Tickets;
                WriterPc = 32;
                return;
            case 32:
                if (WriterTicket - WriterGoneBefore - Removed - Taken > Capacity)
                {
                    // Full: every mode drops it (DropOldest would make room; the model keeps to the rule that matters).
                    Gone++;
                    DroppedAtEntry++;
                    DroppedSet |= Bit(FromSink);
                    ReturnedFromSink = true;

                    // Its ticket was counted as queued, and a caller may have gone to sleep on it: the drop frees that
                    // place, so it wakes a sleeper as a take does (the sink may stay busy long after).
                    WriterAfterSignal = 0;
                    WriterPc = Mode == QueueFullMode.Wait ? 2 : 0;
                    return;
                }

                Channel.Add(FromSink);
                ReturnedFromSink = true;
                WriterPc = 0;
                return;
            case 4:
                // RoomGate.SignalAll when the queue ran empty: the read without the lock.
                WriterAfterFlush = 10;
                WriterPc = Waiting != 0 ? 6 : 5;
                return;
            case 6:
                // Under the lock.
                if (Sleeping > 0)
                {
                    PulseAll();
                }

                WriterPc = 5;
                return;
            case 5:
                // The inner flush, then the flushes whose barriers were reached before it.
                FlushedUpTo = Output.Count;
                while (Completed < Reached)
                {
                    var snapshot = Pending.Dequeue();
                    for (var r = 0; r < 63; r++)
                    {
                        if ((snapshot & Bit(r)) != 0 && ((DroppedSet | RefusedSet) & Bit(r)) == 0 && Output.IndexOf(r) is var at && (at < 0 || at >= FlushedUpTo))
                        {
                            throw new ModelViolation($"flush completed before record {r}, accepted before it, was written and flushed");
                        }
                    }

                    Completed++;
                }

                WriterPc = WriterAfterFlush;
                return;
            case 10:
                // The nap always ends (a caller wakes it, or its millisecond runs out): it changes when, not what.
                WriterPc = Channel.Count > 0 ? 0 : 20;
                return;
            case 20:
                if (Channel.Count > 0)
                {
                    WriterPc = 0;
                    return;
                }

                // Completed and empty. A caller that took a barrier out to make room (DropOldest) and then had its own
                // record refused left a flush that only one more inner flush completes.
                if (Completed < Reached)
                {
                    WriterAfterFlush = 20;
                    WriterPc = 5;
                    return;
                }

                WriterPc = Done;
                return;
            default:
                throw new InvalidOperationException($"writer pc {WriterPc}");
        }
    }

    private void StepFlusher()
    {
        // The call: the records whose Write returned before it, then its barrier (or, completed, the writer's end).
        FlusherSnapshot = Returned;
        if (ChannelCompleted)
        {
            FlusherWaitsForEnd = true;
        }
        else
        {
            Channel.Add(Marker);
            Pending.Enqueue(FlusherSnapshot);
        }

        FlusherPc = Done;
    }

    private void StepDisposer()
    {
        switch (DisposerPc)
        {
            case 0:
                // The provider's retire: callers wait for room no longer (their waits time out, modelled as at once).
                Stopped = true;
                DisposerPc = 1;
                return;
            case 1:
                ChannelCompleted = true;
                DisposerPc = 2;
                return;
            default:
                GateClosed = true;
                PulseAll();
                DisposerPc = Done;
                return;
        }
    }

    /// <summary>Checked after every step.</summary>
    private void CheckAlways()
    {
        if (QueuedRecords > Capacity)
        {
            throw new ModelViolation($"{QueuedRecords} records queued in a queue of {Capacity}");
        }

        // The counts' invariant, exact when no caller is half way through a call.
        if (Producers.All(p => p.Pc is 0 or Done) && WriterPc != 32)
        {
            var inFlight = WriterPc == 1 || (WriterPc is 2 or 3 && WriterAfterSignal == 1) ? 1 : 0;
            var accepted = Tickets - Withdrawn;
            var dropped = DroppedAtEntry + Removed;
            if (accepted != QueuedRecords + inFlight + Written + dropped + Refused)
            {
                throw new ModelViolation($"accepted {accepted} != queued {QueuedRecords} + in flight {inFlight} + written {Written} + dropped {dropped} + refused {Refused}");
            }
        }

        // No caller asleep for room while there is room and no wake-up is on its way (a pulse not yet taken, a caller
        // woken and not yet back, or the writer about to signal). Room that a caller is about to take is that caller's:
        // one entering the wait (it looks at the counts under the lock and leaves with it, relaying any more), or one
        // that left the wait with room and has not taken its ticket yet. (A caller that gave its ticket back can free a
        // place no take made; it is the one entering the wait, and takes it.)
        var asleep = Producers.Count(p => p.Pc == 5 && p.InWaitSet);
        var room = Capacity - Queued - Producers.Count(p => p.Pc is 4 or 6 or 7);
        var onItsWay = PulseTokens > 0 || Producers.Any(p => p.Pc == 5 && !p.InWaitSet) || WriterPc is 2 or 3 or 6;
        if (asleep > 0 && room > 0 && !onItsWay && !Stopped && !GateClosed)
        {
            throw new ModelViolation($"{asleep} caller(s) asleep for room while {room} place(s) are free and no wake-up is on its way");
        }
    }

    /// <summary>Checked in every final state.</summary>
    public void CheckFinal()
    {
        if (Pending.Count != 0)
        {
            throw new ModelViolation("a flush never completed");
        }

        if (FlusherWaitsForEnd)
        {
            for (var r = 0; r < 63; r++)
            {
                if ((FlusherSnapshot & Bit(r)) != 0 && ((DroppedSet | RefusedSet) & Bit(r)) == 0 && !Output.Contains(r))
                {
                    throw new ModelViolation($"a flush after dispose completed without record {r}");
                }
            }
        }

        if (Channel.Count != 0)
        {
            throw new ModelViolation("the writer ended with items in the channel");
        }

        if (Output.Distinct().Count() != Output.Count)
        {
            throw new ModelViolation($"a record was written twice: {string.Join(',', Output)}");
        }

        for (var p = 0; p < Producers.Length; p++)
        {
            var own = Output.Where(r => r / RecordsEach == p).ToList();
            if (!own.SequenceEqual(own.Order()))
            {
                throw new ModelViolation($"caller {p}'s records out of order: {string.Join(',', own)}");
            }

            for (var i = 0; i < RecordsEach; i++)
            {
                var r = RecordOf(p, i);
                var places = (Output.Contains(r) ? 1 : 0) + ((DroppedSet & Bit(r)) != 0 ? 1 : 0) + ((RefusedSet & Bit(r)) != 0 ? 1 : 0);
                if (places != 1)
                {
                    throw new ModelViolation($"record {r} was written, dropped or refused {places} times");
                }
            }
        }

        if (ReturnedFromSink)
        {
            var places = (Output.Contains(FromSink) ? 1 : 0) + ((DroppedSet & Bit(FromSink)) != 0 ? 1 : 0);
            if (places != 1)
            {
                throw new ModelViolation($"the record logged from the sink was written or dropped {places} times");
            }
        }

        if (Mode == QueueFullMode.Wait && !HadDisposer && (DroppedSet & ~Bit(FromSink)) != 0)
        {
            // Only once dispose stopped the waiting may a Wait-mode caller drop (counted).
            throw new ModelViolation("Wait mode dropped a record");
        }
    }

    /// <summary>
    /// The state, for the explorer's visited set, in canonical form: the counts only as the differences the protocol
    /// compares (a caller's ticket and drop count against the current ones, the epoch only as "moved since the caller
    /// looked"), so states that differ only by how often a waiter retried are one state.
    /// </summary>
    public string Key()
    {
        var key = new StringBuilder(160);
        foreach (var p in Producers)
        {
            // Only live registers: a ticket or drop count left over from an earlier step would split one state in many.
            var ticketLive = p.Pc is 2 or 8 or 10 or 11;
            var goneLive = p.Pc is 1 or 2 or 7 or 8 or 10;
            key.Append(p.Pc).Append(':').Append(p.Next).Append(':').Append(ticketLive ? p.Ticket - Tickets : 0).Append(':').Append(goneLive ? Gone - p.GoneBefore : 0)
                .Append(':').Append(p.Pc == 5 && p.InWaitSet ? 1 : 0).Append(':').Append(p.CameOpen ? 1 : 0).Append('|');
        }

        key.Append(string.Join(',', Channel)).Append('|').Append(string.Join(',', Output)).Append('|').Append(string.Join(',', Pending)).Append('|');
        key.Append(Tickets - Gone).Append(',').Append(Tickets - Withdrawn).Append(',').Append(DroppedAtEntry).Append(',').Append(Refused).Append(',')
            .Append(Removed).Append(',').Append(Taken).Append(',').Append(Written).Append(',').Append(Reached).Append(',').Append(Completed).Append('|');
        key.Append(ChannelCompleted).Append(GateClosed).Append(Stopped).Append(Waiting).Append(Sleeping).Append(WakeSent).Append(PulseTokens).Append('|');
        key.Append(WriterPc).Append(',').Append(WriterRecord).Append(',').Append(WriterAfterFlush).Append(',').Append(FlushedUpTo).Append(',')
            .Append(WriterPc is 2 or 3 ? WriterAfterSignal : 0).Append(',').Append(WriterPc is 31 or 32 ? Gone - WriterGoneBefore : 0).Append(',').Append(WriterPc == 32 ? WriterTicket - Tickets : 0).Append(',').Append(ReturnedFromSink).Append('|');
        key.Append(FlusherPc).Append(',').Append(FlusherSnapshot).Append(',').Append(FlusherWaitsForEnd).Append(',').Append(DisposerPc).Append('|');
        key.Append(Returned).Append(',').Append(DroppedSet).Append(',').Append(RefusedSet);
        return key.ToString();
    }

    /// <summary>One caller's registers.</summary>
    internal sealed record Producer
    {
        public int Pc { get; set; }

        public int Next { get; set; }

        public long Ticket { get; set; }

        public long GoneBefore { get; set; }

        /// <summary>Asleep in the gate's wait set (not yet pulsed out of it).</summary>
        public bool InWaitSet { get; set; }

        /// <summary>Found the queue full while it was open, and waits (or waited) for room (Wait mode).</summary>
        public bool CameOpen { get; set; }
    }
}
