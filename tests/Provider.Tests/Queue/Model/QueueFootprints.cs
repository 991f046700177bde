using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The footprint of each move of the queue's threads: what the code a thread runs from the point it stands at
/// (a <see cref="QueueSteps"/> step or wait, or a step of the test's own threads) up to its next point may read (R) or
/// write (W) of the queue's shared state. <see cref="StateExplorer"/> keeps a move asleep (does not run it again) after a
/// move of another thread whose footprint does not conflict with it, and the scheduler ends a spin only after a move
/// that writes what the spin's loop reads.
/// </summary>
/// <remarks>
/// <para>Why the reduction is sound. A move's footprint must name everything shared that the move touches, on every
/// path the code can take from its point to the next, in every place the point is reached from (a point such as
/// <c>monitor.enter</c> or <c>gate.wake-writer</c> is reached from several callers, and its move runs on into each
/// caller's code until the next point: the footprint is the union). A wait's point names what its condition reads, so a
/// move that enables or disables it conflicts with it. Then two moves of different threads that do not conflict touch
/// disjoint state (or only read what they share): in either order they read the same values, write the same values and
/// leave each other enabled, so the two orders reach the same state, and every schedule is equivalent (a reordering of
/// adjacent non-conflicting moves) to one the search runs. What cannot be stated as a set of things conflicts with
/// everything (<see cref="StepFootprint.All"/>): a timeout that the scheduler
/// offers only when no thread can move (the writer's nap, a wait with a far bound, dispose's drain when it may not give
/// up at any time), and a point missing from the table.</para>
/// <para>The checks made after every step must give the same answer in equivalent schedules. "No more than the capacity
/// in the channel" reads the channel's tally, which only moves that write the channel change, and those conflict with
/// each other, so every equivalent schedule passes through the same tallies. "No caller asleep for room while there is room and nothing else can move" is a
/// property of a state: it is checked on every state the search visits, and sleep sets with the state cache leave out
/// moves, never states (a caller asleep for good would also leave the schedule stuck if dispose never came). A flush's coverage is read at the step that completed it, and only when the writer completed it: the
/// inner sink's output and flushes are written by the writer alone, so at that step they are the same in every
/// equivalent schedule; the test's list of returned calls is written at the producers' own step after each call
/// (<c>producer.returned</c>) and read by the flusher's first move, so both are in the table.</para>
/// <para>Shared things: the counts (tickets, gone, removed, taken with the writer's published copies and written, the
/// rare counts), the channel with its Debug tally, the room gate (its counts, closed flag, stop time and its monitor as
/// the scheduler keeps it), the writer's nap (flag and event; under a scheduler the writer takes no nap, see QueueSteps.Naps), the flush barriers with their tasks, the inner sink's
/// output and flushes, the drop reporter with the sink's stats and the waiting-drop count, the error reporter, the count
/// of DropOldest removers, the abandoned flag, the abort token source, the writer's end, the test's list of returned
/// calls, the predecessor a writer starts after.</para>
/// </remarks>
internal static class QueueFootprints
{
    private static readonly string[] Things =
        ["tickets", "gone", "removed", "taken", "published", "written", "rare", "channel", "gate", "nap", "barriers", "sink", "drops", "errors", "report", "removers", "abandoned", "abort", "end", "returned", "start-after", "segments"];

    private static readonly Dictionary<string, StepFootprint> Table = new(StringComparer.Ordinal)
    {
        // The writer's wait for a reload's predecessor ("writer.start-after"), the reloader's and the old queue's moves
        // (QueueScenario.HandOver) are left out: they conflict with everything. The writer's moves that may reach that
        // wait (its drop report, its take) read the predecessor.

        // Producers (and a writer that logs into its own queue), QueuedSink.Write and what it calls.
        ["producer.start"] = Parse(string.Empty),
        ["counters.read-gone"] = Parse("gone:R published:R"),
        ["counters.take-ticket"] = Parse("tickets:W published:R"),
        ["counters.is-full"] = Parse("removed:R published:R taken:R gate:R"),
        ["write.channel"] = Parse("channel:W"),
        ["counters.refuse-gone"] = Parse("gone:W channel:W"),
        ["counters.refuse"] = Parse("rare:W errors:W"),
        ["producer.returned"] = Parse("returned:W"),
        ["counters.withdraw-gone"] = Parse("gone:W"),
        ["counters.withdraw"] = Parse("rare:W"),
        ["counters.dropatentry-gone"] = Parse("gone:W"),
        ["counters.dropatentry"] = Parse("rare:W drops:I gate:R"),
        ["remove-oldest.count-remover"] = Parse("removers:W"),
        ["remove-oldest.look-at-gate"] = Parse("gate:R"),
        ["remove-oldest.read"] = Parse("channel:W"),
        ["counters.remove"] = Parse("removed:W drops:I"),
        ["remove-oldest.uncount-remover"] = Parse("removers:W"),

        // Spins: blocked until a move writes what the loop around them reads (see StepScheduler.Spin).
        ["remove-oldest.spin"] = Parse("removed:R published:R taken:R gate:R channel:R"),
        ["dispose.spin"] = Parse("removers:R"),

        // The room gate (callers, the writer, dispose). The monitor's enter, wait and re-entry are the scheduler's.
        ["gate.wake-writer"] = Parse("nap:W gate:W"),
        ["monitor.enter"] = Parse("gate:W drops:R drops:I report:W errors:W abort:R"),
        ["monitor.wait"] = Parse("gate:W"),
        ["monitor.reenter"] = Parse("gate:W"),
        ["gate.count-waiting"] = Parse("gate:W"),
        ["gate.look-for-room"] = Parse(string.Empty),
        ["counters.has-room"] = Parse("tickets:R gone:R taken:R removed:R rare:R gate:R"),
        ["gate.count-sleeping"] = Parse("gate:W"),
        ["gate.uncount-sleeping"] = Parse("gate:W"),
        ["gate.take-wake-up"] = Parse("gate:W"),
        ["gate.send-wake-up"] = Parse("gate:W drops:R drops:I report:W errors:W abort:R"),
        ["gate.uncount-waiting"] = Parse("gate:W"),
        ["gate.signal-one"] = Parse("gate:R drops:R drops:I report:W errors:W abort:R start-after:R"),
        ["gate.signal-all"] = Parse("gate:R drops:R report:W errors:W abort:R start-after:R"),

        // The writer loop.
        ["writer.start"] = Parse("start-after:R"),
        ["writer.read"] = Parse("channel:W start-after:R abandoned:R drops:R report:W errors:W abort:R"),
        ["counters.take"] = Parse("taken:W published:W start-after:R"),
        ["sink.write"] = Parse("sink:W drops:R report:W errors:W abort:R start-after:R"),
        ["sink.logged"] = Parse(string.Empty),
        ["sink.stall"] = Parse(string.Empty),
        ["counters.wrote"] = Parse("written:W"),
        ["barrier.reached"] = Parse("barriers:W abandoned:R"),
        ["barrier.has-reached"] = Parse("barriers:R end:W"),
        ["barrier.reached-so-far"] = Parse("barriers:R abort:R"),
        ["sink.flush"] = Parse("sink:W"),
        ["barrier.complete"] = Parse("barriers:W end:W"),
        ["writer.look-abandoned"] = Parse("abandoned:R channel:R end:W"),
        ["counters.publish-taken"] = Parse("published:W"),
        ["writer.nap-look-closed"] = Parse("gate:R channel:R start-after:R"),
        ["nap.flag"] = Parse("nap:W"),
        ["nap.look"] = Parse("channel:R gate:R"),
        ["writer.nap"] = Parse("nap:R"),
        ["nap.unflag"] = Parse("nap:W"),
        ["nap.reset"] = Parse("gate:R nap:W"),
        ["writer.nap-look-work"] = Parse("channel:R start-after:R"),
        ["writer.wait-to-read"] = Parse("channel:R start-after:R end:W"),

        // The flusher.
        ["flusher.start"] = Parse("returned:R"),
        ["barrier.add"] = Parse("channel:W barriers:W end:R"),
        ["flusher.await"] = Parse("barriers:R end:R"),

        // Dispose, and its give-up. A dispose that comes after the calls waits until every producer ended (its last move
        // is its step after its last call, which writes the returned calls).
        ["disposer.after-calls"] = Parse("returned:R"),
        ["dispose.complete"] = Parse("channel:W"),
        ["gate.close"] = Parse("gate:W"),
        ["gate.close-wake-writer"] = Parse("nap:W"),
        ["dispose.drain"] = Parse("end:R drops:R report:W errors:W sink:W nap:W abort:W"),
        ["dispose.drain/timeout"] = Parse("end:R"),
        ["dispose.abandon"] = Parse("abandoned:W"),
        ["dispose.look-at-removers"] = Parse("removers:R"),
        ["counters.abandon-freeze"] = Parse("taken:W"),
        ["counters.abandon-freeze-gone"] = Parse("gone:W"),
        ["counters.abandon-freeze-tickets"] = Parse("tickets:W removed:R taken:W written:R rare:W drops:R abort:W"),
        ["barrier.complete-all"] = Parse("barriers:W end:W errors:W drops:R report:W sink:W nap:W abort:W"),

        // A file's queue (QueueScenario.FormatsAhead): the open segment, its writer-waiting mark and closed flag, the
        // free segments (RenderedSegments). Each of its points is taken before its lock, and the lock is left within the
        // move. A hand-over writes the channel; the writer's look at the open segment goes on, when it took it, to the
        // top of its loop (as writer.read's move does).
        ["segments.append"] = Parse("segments:W channel:W"),
        ["segments.hand-over"] = Parse("segments:W channel:W start-after:R abandoned:R drops:R report:W errors:W abort:R"),
        ["segments.mark-waiting"] = Parse("segments:W start-after:R"),
        ["segments.add-barrier"] = Parse("segments:W channel:W barriers:W end:R"),
        ["segments.complete"] = Parse("segments:W channel:W"),
    };

    // A file queue's writer goes through the records of a segment: the move from a take (when it fails, to the next
    // take) and from a record's count may reach the segment's end, which gives the segment back to the free ones and
    // goes on to the top of the loop (as writer.read's move does).
    private static readonly Dictionary<string, StepFootprint> SegmentTable = new(StringComparer.Ordinal)
    {
        ["counters.take"] = Parse("taken:W published:W start-after:R segments:W abandoned:R drops:R report:W errors:W abort:R"),
        ["counters.wrote"] = Parse("written:W segments:W start-after:R abandoned:R drops:R report:W errors:W abort:R"),
    };

    /// <summary>Points met that the table does not name (their moves conflicted with everything).</summary>
    public static IEnumerable<string> Unknown => UnknownPoints.Keys;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> UnknownPoints = new(StringComparer.Ordinal);

    /// <summary>The footprint of the move <paramref name="option"/> offers.</summary>
    public static StepFootprint Of(StepScheduler scheduler, ScheduleOption option)
    {
        var thread = scheduler.Threads[option.Thread];
        var point = thread.At;
        if (point == "start")
        {
            // The test's threads start at "start": a producer's or the disposer's first move reaches its first step without
            // touching anything shared, the flusher's reads the returned calls.
            point = thread.Name.StartsWith('p') || thread.Name == "disposer" ? "producer.start" : thread.Name == "flusher" ? "flusher.start" : "*";
        }

        if (option.TimeOut)
        {
            // A timeout offered at any moment has its own footprint; one offered only when nothing else can move conflicts with everything.
            return thread.Timeout == QueueStepTimeout.AnyTime && scheduler.AnyTimeTimeouts && Table.TryGetValue(point + "/timeout", out var timeout)
                ? timeout
                : StepFootprint.All;
        }

        if (point == "*")
        {
            return StepFootprint.All;
        }

        if (scheduler.Sink is { } sink)
        {
            // Moves whose reach depends on the state they start from, narrowed to what they do from this one.
            if (point == "writer.read" && !HasItem(sink))
            {
                // An empty channel: the writer only looks, and goes on to look at the abandoned flag.
                return Parse("channel:R start-after:R");
            }

            if (point == "writer.look-abandoned" && !(bool)AbandonedField.GetValue(sink)!)
            {
                // Not abandoned: on to publish its count.
                return Parse("abandoned:R");
            }
        }

        if (scheduler.Sink?.Segments is not null && SegmentTable.TryGetValue(point, out var inSegments))
        {
            return inSegments;
        }

        if (Table.TryGetValue(point, out var footprint))
        {
            return footprint;
        }

        UnknownPoints.TryAdd(point, true);
        return StepFootprint.All;
    }

    private static readonly System.Reflection.FieldInfo ChannelField = typeof(QueuedSink).GetField("_channel", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
    private static readonly System.Reflection.FieldInfo AbandonedField = typeof(QueuedSink).GetField("_abandoned", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private static bool HasItem(QueuedSink sink) => ((System.Threading.Channels.Channel<object>)ChannelField.GetValue(sink)!).Reader.TryPeek(out _);

    /// <summary>True at the first read of a spin loop's turn: a caller's look at the room in RemoveOldest, dispose's look at the removers.</summary>
    public static bool IsLoopTop(string point) => point is "counters.is-full" or "dispose.look-at-removers";

    /// <summary>What the loop around the spin <paramref name="name"/> reads: a move that writes any of it ends the spin.</summary>
    public static ulong ReadsOf(string name) => Table.TryGetValue(name, out var footprint) && !footprint.Everything ? footprint.Reads : ulong.MaxValue;

    private static StepFootprint Parse(string text)
    {
        ulong reads = 0, writes = 0, adds = 0;
        foreach (var item in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, access) = (item[..^2], item[^1]);
            var index = Array.IndexOf(Things, name);
            if (index < 0)
            {
                throw new ArgumentException($"unknown shared thing {name}");
            }

            var bit = 1UL << index;
            if (access == 'W')
            {
                writes |= bit;
            }
            else if (access == 'I')
            {
                adds |= bit;
            }
            else
            {
                reads |= bit;
            }
        }

        return new StepFootprint(reads, writes, false, adds);
    }
}
