using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The whole state of a scheduled run at a moment when every thread is parked, as text: every field of the queue and of
/// the objects it owns (its counts, room gate, flush barriers, drop reporter, the inner sink's output and flushes, the
/// channel's records in order and whether it is completed), what the test's threads hold, and for each thread where it
/// stands (its call stack: method and IL offset of each frame) and the values of its locals that outlive a move.
/// <see cref="StateExplorer"/> explores a state once: two runs that reach the same text go on alike.
/// </summary>
/// <remarks>
/// <para>Why equal text means equal futures. A thread parked at a point resumes with its call stack (the frames and the
/// offsets in them, written down) and its locals. The locals that hold a value from one move into a later one are few,
/// and each is a copy of shared state the thread read in a named move, so <see cref="Capture"/> writes it down at that
/// move: a caller's count of callers gone (read at <c>counters.read-gone</c>) and its ticket (<c>take-ticket</c>), the
/// record a DropOldest caller took out (<c>remove-oldest.read</c>), the record in the writer's hands
/// (<c>writer.read</c>), the count of flushes reached before the inner flush (<c>barrier.reached-so-far</c>), the counts
/// the give-up froze (<c>counters.abandon-*</c>), how many records a producer has logged, the flusher's list of returned
/// calls. Every other local is set and used within one move. Shared state is walked field by field from the queue, so a
/// field added to the queue is in the text without a change here; what is left out cannot steer the queue: functions,
/// locks taken and left within one move (the scheduler's monitor is in the text), the clock (a fake that does not move).</para>
/// <para>A record is named by its text (<c>p:i</c>), the flush marker by <c>M</c>: the same record in two runs.</para>
/// </remarks>
internal static class QueueState
{
    private static readonly FieldInfo CountersField = Field(typeof(QueuedSink), "_counters");
    private static readonly FieldInfo ChannelField = Field(typeof(QueuedSink), "_channel");
    private static readonly FieldInfo BarriersField = Field(typeof(QueuedSink), "_barriers");
    private static readonly FieldInfo DroppedWaitingField = Field(typeof(QueuedSink), "_droppedWaiting");
    private static readonly FieldInfo LoopField = Field(typeof(QueuedSink), "_loop");

    // Each type's own fields, looked up once (reflection's arrays are new on every call, and each state walks them all).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FieldInfo[]> FieldsOf = new();

    /// <summary>The text of the state: the queue, the test's own shared things, and every thread.</summary>
    public static string Of(StepScheduler scheduler, QueuedSink sink, params object?[] extra)
    {
        var text = new StringBuilder(2048);
        Dump(text, sink, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
        foreach (var thing in extra)
        {
            text.Append('|');
            Dump(text, thing, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
        }

        text.Append("|timeouts:").AppendJoin(',', scheduler.Timeouts);
        foreach (var t in scheduler.Threads)
        {
            text.Append('|').Append(t.Name).Append(t.Finished ? " ended" : $" {t.At} {t.Pc} go:{t.CanStep} wait:{t.InWaitSet}/{t.Pulsed} to:{t.TimedOut}");
            if (t.Finished)
            {
                continue;
            }

            foreach (var (name, value) in t.Locals.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                text.Append(' ').Append(name).Append('=').Append(value);
            }
        }

        text.Append("|monitor:").Append(scheduler.MonitorState());
        return text.ToString();
    }

    /// <summary>
    /// Writes down, before <paramref name="thread"/> takes the move at its point, the locals that move sets for later
    /// moves (see the remarks).
    /// </summary>
    public static void Capture(ScheduledThread thread, QueuedSink sink, IReadOnlyCollection<LogRecord> returned)
    {
        var counters = CountersField.GetValue(sink)!;
        switch (thread.At)
        {
            case "counters.read-gone":
                thread.Locals["goneBefore"] = Counter(counters, "_gone");
                break;
            case "counters.take-ticket":
                thread.Locals["ticket"] = Counter(counters, "_tickets");
                break;
            case "remove-oldest.read":
                thread.Locals["oldest"] = Head(sink);
                break;
            case "writer.read":
                thread.Locals["record"] = Head(sink);
                break;
            case "barrier.reached-so-far":
                thread.Locals["reached"] = Convert.ToString(Field(typeof(FlushBarriers), "_reached").GetValue(BarriersField.GetValue(sink)), CultureInfo.InvariantCulture)!;
                break;
            case "counters.abandon-freeze":
                thread.Locals["takenBefore"] = Counter(counters, "_taken");
                break;
            case "counters.abandon-freeze-gone":
                thread.Locals["goneFrozen"] = Counter(counters, "_gone");
                break;
            case "counters.abandon-freeze-tickets":
                thread.Locals["ticketsFrozen"] = $"{Counter(counters, "_tickets")}/{Counter(counters, "_removed")}/{Counter(counters, "_written")}/{DroppedWaitingField.GetValue(sink)}";
                break;
            case "barrier.complete":
                // Its move is the last to use the count.
                thread.Locals.Remove("reached");
                break;
            case "producer.returned":
                // The call returned: what it held is gone.
                thread.Locals.Remove("goneBefore");
                thread.Locals.Remove("ticket");
                thread.Locals.Remove("oldest");
                thread.Locals["logged"] = (thread.Locals.TryGetValue("logged", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) + 1 : 1).ToString(CultureInfo.InvariantCulture);
                break;
            case "start" when thread.Name == "flusher":
                lock (returned)
                {
                    thread.Locals["snapshot"] = string.Join(',', returned.Select(r => r.Message));
                }

                break;
        }
    }

    private static string Counter(object counters, string name) =>
        Convert.ToString(((PaddedCounter)Field(typeof(QueueCounters), name).GetValue(counters)!).Value, CultureInfo.InvariantCulture)!;

    private static string Head(QueuedSink sink) =>
        ((System.Threading.Channels.Channel<object>)ChannelField.GetValue(sink)!).Reader.TryPeek(out var head) ? Label(head) : "-";

    private static string Label(object item) => item switch
    {
        _ when ReferenceEquals(item, FlushBarriers.Marker) => "M",
        LogRecord record => record.Message,
        RenderedSegment segment => "S[" + string.Join(',', Enumerable.Range(0, segment.Count).Select(i => System.Text.Encoding.UTF8.GetString(segment.Record(i)))) + "]",
        _ => item.ToString() ?? "?",
    };

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance) ?? throw new InvalidOperationException($"{type.Name} has no field {name}");

    private static void Dump(StringBuilder text, object? value, HashSet<object> seen, int depth)
    {
        switch (value)
        {
            case null:
                text.Append('~');
                return;
            case string s:
                text.Append('"').Append(s).Append('"');
                return;
            case LogRecord record:
                text.Append(Label(record));
                return;
            case RenderedSegment segment:
                // Its records by their text, in order: what the writer will write of it.
                text.Append(Label(segment));
                return;
            case RecordingSink sink:
                // What the checks read of it: the records it wrote, in order, and how many it had when it last flushed
                // (not the flushes before: nothing reads them).
                text.Append("sink[");
                foreach (var record in sink.Output)
                {
                    text.Append(Label(record)).Append(',');
                }

                text.Append("flushed at ").Append(sink.FlushedAt.Count == 0 ? "-" : sink.FlushedAt[^1].ToString(CultureInfo.InvariantCulture)).Append(']');
                return;
            case Delegate or TimeProvider or TextWriter or Lock or Thread or SemaphoreSlim:
                // Code, the fake clock that does not move, the error writer (a sink of text nothing reads back), locks
                // held within one move, the harness.
                text.Append('_');
                return;
            case Task task:
                text.Append("task:").Append(task.Status);
                return;
            case Exception exception:
                // Its type and message: what the sink reports of it. Not its fields: a thrown exception holds its stack
                // trace as the return addresses of the native code, which differ from run to run and, as the JIT's tiers
                // replace the code, between two schedules of one run, so one state got a text for each (the searches'
                // counts were not the same on every run, more so on a loaded machine).
                text.Append("exception:").Append(exception.GetType().Name).Append(':').Append(exception.Message);
                return;
            case CancellationTokenSource cts:
                text.Append("cts:").Append(cts.IsCancellationRequested);
                return;
            case ManualResetEventSlim e:
                text.Append("event:").Append(e.IsSet);
                return;
            case IFormattable f when value.GetType().IsPrimitive || value is Enum or DateTimeOffset or TimeSpan or decimal:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? 'T' : 'F');
                return;
        }

        var type = value.GetType();
        if (type == typeof(object))
        {
            // A plain lock object: the scheduler's books say who holds it.
            text.Append('o');
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            text.Append('@');
            return;
        }

        if (depth > 8)
        {
            throw new InvalidOperationException($"the state of the queue is deeper than expected at {type}");
        }

        if (type.Namespace?.StartsWith("LoguStyle", StringComparison.Ordinal) == true)
        {
            text.Append('{');
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in Fields(t))
                {
                    text.Append(field.Name).Append(':');
                    if (ReferenceEquals(field, LoopField))
                    {
                        // The writer's task completes on its thread after its last step, outside the schedule: whether a
                        // state is written down before or after is timing, and the writer's end is in its thread's entry.
                        text.Append('_');
                    }
                    else
                    {
                        Dump(text, field.GetValue(value), seen, depth + 1);
                    }

                    text.Append(';');
                }
            }

            text.Append('}');
            return;
        }

        if (type.Namespace == "System.Threading.Channels")
        {
            // The channel: its records in order, whether it is completed, whether a reader waits.
            text.Append("channel[");
            foreach (var field in AllFields(type))
            {
                var v = field.GetValue(value);
                text.Append(field.Name).Append(':');
                if (v is IEnumerable items and not string)
                {
                    foreach (var item in items)
                    {
                        Dump(text, item, seen, depth + 1);
                        text.Append(',');
                    }
                }
                else
                {
                    text.Append(v is null ? "~" : v.GetType().IsPrimitive ? Convert.ToString(v, CultureInfo.InvariantCulture) : v is Exception ? "done" : "x");
                }

                text.Append(';');
            }

            text.Append(']');
            return;
        }

        if (value is IEnumerable enumerable)
        {
            text.Append('[');
            foreach (var item in enumerable)
            {
                Dump(text, item, seen, depth + 1);
                text.Append(',');
            }

            text.Append(']');
            return;
        }

        if (value is TaskCompletionSource tcs)
        {
            text.Append("tcs:").Append(tcs.Task.Status);
            return;
        }

        // Anything else is not expected in the queue: fail loudly rather than leave state out of the text.
        throw new InvalidOperationException($"QueueState does not know how to write down a {type}");
    }

    private static FieldInfo[] Fields(Type type) =>
        FieldsOf.GetOrAdd(type, t => t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly));

    private static IEnumerable<FieldInfo> AllFields(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in Fields(t))
            {
                yield return field;
            }
        }
    }
}
