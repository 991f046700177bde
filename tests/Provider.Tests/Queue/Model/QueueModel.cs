using System.Text;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The queue protocol of <see cref="QueuedSink"/> as a state machine, one atomic step of the real code per step here:
/// the callers' Write (ticket, room rule, MakeRoom for each mode, WaitForRoom with its withdraw and retake), the
/// writer loop (take, write, count, SignalRoom, inner flush and barrier completion, Nap, park), FlushAsync's barrier
/// and Dispose's complete-then-close. <see cref="QueueModelExplorer"/> runs every interleaving. Threads: callers
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
        HadDisposer = other.HadDisposer;
        Producers = [.. other.Producers.Select(p => p with { })];
        Channel = [.. other.Channel];
        Output = [.. other.Output];
        Pending = new Queue<long>(other.Pending);
        (Tickets, Gone, Removed, Taken, Written, Withdrawn, DroppedAtEntry, Refused, Reached, Completed) =
            (other.Tickets, other.Gone, other.Removed, other.Taken, other.Written, other.Withdrawn, other.DroppedAtEntry, other.Refused, other.Reached, other.Completed);
        (ChannelCompleted, GateClosed, Wanted, Epoch) = (other.ChannelCompleted, other.GateClosed, other.Wanted, other.Epoch);
        (WriterPc, WriterRecord, WriterAfterFlush, FlushedUpTo) = (other.WriterPc, other.WriterRecord, other.WriterAfterFlush, other.FlushedUpTo);
        (FlusherPc, FlusherSnapshot, FlusherWaitsForEnd, DisposerPc) = (other.FlusherPc, other.FlusherSnapshot, other.FlusherWaitsForEnd, other.DisposerPc);
        (Returned, DroppedSet, RefusedSet) = (other.Returned, other.DroppedSet, other.RefusedSet);
    }

    private const int Done = 99;

    public QueueFullMode Mode { get; }

    public int Capacity { get; }

    public int RecordsEach { get; }

    /// <summary>The defect of issue 15 item 8, for the model's own test: the drop count read after the ticket.</summary>
    public bool ReadGoneAfterTicket { get; init; }

    public Producer[] Producers { get; }

    public List<int> Channel { get; } = [];

    /// <summary>What the inner sink received, in order.</summary>
    public List<int> Output { get; } = [];

    // Flushes waiting, each with the records whose Write had returned when it was called (a bit per record).
    private Queue<long> Pending { get; } = new();

    private long Tickets, Gone, Removed, Taken, Written, Withdrawn, DroppedAtEntry, Refused, Reached, Completed;
    private bool ChannelCompleted, GateClosed;
    private int Wanted, Epoch;
    private int WriterPc, WriterRecord, FlushedUpTo;
    private int WriterAfterFlush;
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
                5 => Epoch != p.EpochSeen || GateClosed,
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
                // Under the gate's lock: note the epoch, ask for room, look again, then sleep.
                p.EpochSeen = Epoch;
                Wanted = 1;
                if (Queued < Capacity || GateClosed)
                {
                    p.Pc = 6;
                    return;
                }

                WakeWriter();
                p.Pc = 5;
                return;
            case 5:
                // Woken; reads the drop count before its new ticket.
                p.GoneBefore = Gone;
                p.Pc = 7;
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
                p.Pc = GateClosed || !Full(p) ? 9 : 3;
                return;
            case 9:
                if (ChannelCompleted)
                {
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
        Returned |= Bit(record);
        p.Next++;
        p.Pc = 0;
    }

    private static void WakeWriter()
    {
        // Ends a nap early; the model's nap ends at any time anyway (see the writer's step 10).
    }

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
                WriterPc = 1;
                return;
            case 1:
                // The inner write, and its count.
                Output.Add(WriterRecord);
                Written++;
                WriterPc = 0;
                return;
            case 4:
                // SignalRoom at the end of a batch.
                if (Wanted != 0 && Queued <= Capacity / 2)
                {
                    Wanted = 0;
                    Epoch++;
                }

                WriterAfterFlush = 10;
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
        if (DisposerPc == 0)
        {
            ChannelCompleted = true;
            DisposerPc = 1;
            return;
        }

        GateClosed = true;
        Epoch++;
        DisposerPc = Done;
    }

    /// <summary>Checked after every step.</summary>
    private void CheckAlways()
    {
        if (QueuedRecords > Capacity)
        {
            throw new ModelViolation($"{QueuedRecords} records queued in a queue of {Capacity}");
        }

        // The counts' invariant, exact when no caller is half way through a call.
        if (Producers.All(p => p.Pc is 0 or Done))
        {
            var inFlight = WriterPc == 1 ? 1 : 0;
            var accepted = Tickets - Withdrawn;
            var dropped = DroppedAtEntry + Removed;
            if (accepted != QueuedRecords + inFlight + Written + dropped + Refused)
            {
                throw new ModelViolation($"accepted {accepted} != queued {QueuedRecords} + in flight {inFlight} + written {Written} + dropped {dropped} + refused {Refused}");
            }
        }

        // No caller asleep for room while the writer is parked on an empty queue and no caller is on its way to
        // write (which would wake it): that would be a lost wake-up.
        if (WriterPc == 20 && Channel.Count == 0 && !ChannelCompleted &&
            !Producers.Any(p => p.Pc is 1 or 2 or 7 or 8 or 9 or 11) &&
            Producers.Any(p => p.Pc == 5 && p.EpochSeen == Epoch && !GateClosed))
        {
            throw new ModelViolation("a caller sleeps for room while the writer is parked on an empty queue");
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

        if (Mode == QueueFullMode.Wait && DroppedSet != 0)
        {
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
                .Append(':').Append(p.Pc == 5 && p.EpochSeen != Epoch ? 1 : 0).Append('|');
        }

        key.Append(string.Join(',', Channel)).Append('|').Append(string.Join(',', Output)).Append('|').Append(string.Join(',', Pending)).Append('|');
        key.Append(Tickets - Gone).Append(',').Append(Tickets - Withdrawn).Append(',').Append(DroppedAtEntry).Append(',').Append(Refused).Append(',')
            .Append(Removed).Append(',').Append(Taken).Append(',').Append(Written).Append(',').Append(Reached).Append(',').Append(Completed).Append('|');
        key.Append(ChannelCompleted).Append(GateClosed).Append(Wanted).Append('|');
        key.Append(WriterPc).Append(',').Append(WriterRecord).Append(',').Append(WriterAfterFlush).Append(',').Append(FlushedUpTo).Append('|');
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

        public int EpochSeen { get; set; }
    }
}
