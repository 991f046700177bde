using LoguStyle.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// One run of the real <see cref="QueuedSink"/> under a <see cref="StepScheduler"/>: producers that each log their
/// records in order, a flusher (<see cref="QueuedSink.FlushAsync"/>) and a disposer (<see cref="QueuedSink.DisposeAsync()"/>)
/// that may come at any step, and the queue's own writer. Checked after every step: queued &lt;= capacity, and no
/// caller asleep for room while there is room and nothing else can move. Checked at the end: the flush covered every
/// record accepted before it (written and flushed since, or never written: dropped or refused), every record written
/// once, each producer's in order, accepted = written + dropped + refused, the writer ended.
/// </summary>
internal sealed class QueueScenario
{
    public required QueueFullMode Mode { get; init; }

    public required int Producers { get; init; }

    public required int RecordsEach { get; init; }

    public int Capacity { get; init; } = 2;

    public bool Flusher { get; init; } = true;

    /// <summary>
    /// Does dispose wait until every producer's calls returned (a queue that is not disposed while it is used: the
    /// writer still ends, so the end checks hold), or may it come at any step?
    /// </summary>
    public bool DisposeAfterCalls { get; init; }

    /// <summary>From this write on (1 = the first) the inner sink stalls until nothing else can move; 0: never (see <see cref="RecordingSink.StallFrom"/>).</summary>
    public int SinkStallsFrom { get; init; }

    /// <summary>May dispose give up on the drain (at any step), or does it wait until the writer ends?</summary>
    public bool GiveUp { get; init; }

    public int MaxSteps { get; init; } = 600;

    /// <summary>
    /// A reload hands the queue's output over from an older generation's queue (SinkHandOver), late: a reloader sets
    /// <see cref="QueuedSink.StartAfter"/> after the writer's first move (the writer starts in the queue's constructor and
    /// may look for a predecessor before the provider sets one; set before that look, the look waits, a path with nothing
    /// to find), and before the producers may log (the provider publishes the new sinks only after it). The old queue ends
    /// only when nothing else can move (the longest it may take: until its dispose gives up). Checked after every step:
    /// the inner sink got nothing, record or drop report, before the old queue ended.
    /// </summary>
    public bool HandOver { get; init; }

    /// <summary>
    /// The inner sink formats ahead, as a file does (<see cref="FormattingRecordingSink"/>): the callers format their
    /// records into the queue's segments, which go through the channel (<see cref="RenderedSegments"/>).
    /// </summary>
    public bool FormatsAhead { get; init; }

    /// <summary>The seeded defects of the queue switched on (see <see cref="QueueFault"/>).</summary>
    public IReadOnlySet<QueueFault> Faults { get; init; } = new HashSet<QueueFault>();

    /// <summary>
    /// The writer logs into its own queue: the inner sink logs a record of its own while it writes the first record of
    /// each of these producers (a sink that logs: the re-entrant path, which must never wait for the writer).
    /// </summary>
    public IReadOnlySet<int> LogFromSinkFor { get; init; } = new HashSet<int>();

    /// <summary>Called with the end state of each schedule that ran to its end (the same for equivalent schedules).</summary>
    public Action<string>? OnEnd { get; init; }

    /// <summary>Runs the schedule that starts with <paramref name="prefix"/>; throws <see cref="ModelViolation"/> with the schedule.</summary>
    public List<ScheduleDecision> Run(IReadOnlyList<int> prefix) => Run(new PrefixChooser(prefix));

    /// <summary>Runs the schedule <paramref name="chooser"/> chooses; throws <see cref="ModelViolation"/> with the schedule.</summary>
    public List<ScheduleDecision> Run(IScheduleChooser chooser)
    {
        (_flushSnapshot, _flushMissing) = (null, null);
        var scheduler = new StepScheduler { AnyTimeTimeouts = GiveUp, Faults = Faults, Memo = (chooser as StateExplorer)?.Memo };
        // Named by their text (p:i), so that a sink that formats ahead can hand back the record its bytes came from.
        var byText = new Dictionary<string, LogRecord>(StringComparer.Ordinal);
        if (FormatsAhead && LogFromSinkFor.Count > 0)
        {
            throw new InvalidOperationException("a sink that formats ahead (a file) does not log into its own queue");
        }

        var inner = FormatsAhead
            ? new FormattingRecordingSink(new FakeTimeProvider(), text => byText[text]) { StallFrom = SinkStallsFrom }
            : new RecordingSink(new FakeTimeProvider()) { StallFrom = SinkStallsFrom };
        QueuedSink? built = null;

        // Built on a thread of the scheduler's flow: the writer's thread inherits it and parks at its first step.
        scheduler.Setup(() => built = new QueuedSink(inner, new FakeTimeProvider(), Capacity, Mode), threadsItStarts: 1);
        var sink = built!;
        scheduler.Sink = sink;
        var fromSink = new List<LogRecord>();
        if (LogFromSinkFor.Count > 0)
        {
            inner.LogsInto(sink, record =>
            {
                if (record.Message is [var p, ':', '0'] && LogFromSinkFor.Contains(p - '0'))
                {
                    var own = new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "model", $"s{p}");
                    fromSink.Add(own);
                    return own;
                }

                return null;
            });
        }

        var writer = 0;
        var reloaded = new TaskCompletionSource();
        var predecessor = new TaskCompletionSource();
        if (!HandOver)
        {
            reloaded.SetResult();
            predecessor.SetResult();
        }

        var records = new Dictionary<LogRecord, (int Producer, int Index)>(ReferenceEqualityComparer.Instance);
        var returned = new List<LogRecord>();
        var producers = new int[Producers];

        for (var p = 0; p < Producers; p++)
        {
            var own = Enumerable.Range(0, RecordsEach).Select(i => new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "model", $"{p}:{i}")).ToList();
            foreach (var (record, i) in own.Select((r, i) => (r, i)))
            {
                records[record] = (p, i);
                byText[record.Message] = record;
            }

            producers[p] = scheduler.Start($"p{p}", () =>
            {
                if (HandOver)
                {
                    ((IQueueStepScheduler)scheduler).Block("producer.after-hand-over", () => reloaded.Task.IsCompleted, QueueStepTimeout.None);
                }

                foreach (var record in own)
                {
                    sink.Emit(record);

                    // A step of its own, so that the moves inside the write need not name the list (see QueueFootprints).
                    QueueSteps.Step("producer.returned");
                    lock (returned)
                    {
                        returned.Add(record);
                    }
                }
            });
        }

        if (Flusher)
        {
            scheduler.Start("flusher", () =>
            {
                _flushSnapshot = [.. returned];
                var flush = sink.FlushAsync(CancellationToken.None);
                ((IQueueStepScheduler)scheduler).Block("flusher.await", () => flush.IsCompleted, QueueStepTimeout.None);
            });
        }

        if (HandOver)
        {
            scheduler.Start("reloader", () =>
            {
                ((IQueueStepScheduler)scheduler).Block("reloader.after-writer-looked", () => scheduler.Threads[writer].At != "writer.start", QueueStepTimeout.None);
                sink.StartAfter(predecessor.Task);
                reloaded.SetResult();
            });
            scheduler.Start("old-queue", () =>
            {
                ((IQueueStepScheduler)scheduler).Block("old-queue.drains", () => false, QueueStepTimeout.WhenIdle);
                predecessor.SetResult();
            });
        }

        // The disposer is the last thread (AfterStep finds it so).
        ValueTask dispose = default;
        scheduler.Start("disposer", () =>
        {
            if (DisposeAfterCalls)
            {
                ((IQueueStepScheduler)scheduler).Block("disposer.after-calls", () => producers.All(p => scheduler.Threads[p].Finished), QueueStepTimeout.None);
            }

            dispose = sink.DisposeAsync();
            if (!dispose.IsCompleted)
            {
                throw new InvalidOperationException("DisposeAsync went asynchronous: its continuation would run outside the schedule");
            }
        });
        scheduler.EndSetup();
        scheduler.BeforeMove = thread => QueueState.Capture(thread, sink, returned);
        scheduler.State = () => QueueState.Of(scheduler, sink, returned, fromSink, _flushMissing);

        var trace = scheduler.Run(chooser, MaxSteps, s => AfterStep(s, sink, inner, writer, producers, predecessor.Task));
        if (scheduler.Cut)
        {
            return trace;
        }

        try
        {
            foreach (var (record, i) in fromSink.Select((r, i) => (r, i)))
            {
                records[record] = (Producers + i, 0);
            }

            CheckEnd(scheduler, sink, inner, records, _flushMissing);
            OnEnd?.Invoke($"{string.Join(',', inner.Output.Select(r => r.Message))} | flushed at {string.Join(',', inner.FlushedAt)} | accepted {sink.Counters.Accepted}, written {sink.Counters.Written}, dropped {sink.Counters.Dropped}, refused {sink.Counters.Refused}");
        }
        catch (ModelViolation violation)
        {
            throw new ModelViolation($"{violation.Message}\nschedule ({trace.Count} steps):\n{string.Join('\n', trace.Select((d, i) => $"  {i,3} {d.Described}{(d.Chosen > 0 ? " *" : string.Empty)}"))}");
        }

        return trace;
    }

    // The flush: the records whose calls returned before it, and those of them its completion did not cover.
    private List<LogRecord>? _flushSnapshot;
    private List<LogRecord>? _flushMissing;

    private void AfterStep(StepScheduler scheduler, QueuedSink sink, RecordingSink inner, int writer, int[] producers, Task predecessor)
    {
        if (!predecessor.IsCompleted && inner.Output.Count > 0)
        {
            throw new ModelViolation($"the inner sink got {string.Join(',', inner.Output.Select(r => r.IsSinkReport ? "drop report" : r.Message))} before the old queue on its output ended");
        }

        if (sink.FlushesCompleted > 0 && _flushMissing is null)
        {
            // The step that completed the flush: what the last inner flush covered. Every record accepted before the
            // call must be in it, or never be written (dropped or refused); the end check looks for the second kind in
            // the final output. A flush completed by dispose giving up (not by the writer) covers nothing: its loss is
            // counted and reported.
            var gaveUp = scheduler.LastMoved != writer;
            var covered = inner.FlushedAt.Count == 0 ? [] : inner.Output.Take(inner.FlushedAt[^1]).ToHashSet(ReferenceEqualityComparer.Instance);
            _flushMissing = gaveUp ? [] : [.. _flushSnapshot!.Where(r => !covered.Contains(r))];
        }

        if (sink.RecordsInChannel > Capacity)
        {
            throw new ModelViolation($"{sink.RecordsInChannel} records queued in a queue of {Capacity}");
        }

        // At quiescence of the queue's own threads (no caller and not the writer can move; flush and dispose aside,
        // and before dispose closed the gate): a caller asleep for room while there is room would sleep for good.
        var disposer = scheduler.Threads.Count - 1;
        if (scheduler.Threads[disposer].At is "start" or "disposer.after-calls" && !scheduler.Threads[disposer].Finished
            && !scheduler.CanStep(writer) && producers.All(p => !scheduler.CanStep(p))
            && producers.Any(scheduler.IsAsleep) && sink.Counters.HasRoom)
        {
            throw new ModelViolation($"a caller is asleep for room while there is room ({sink.Counters.Queued} queued) and nothing else can move");
        }
    }

    private void CheckEnd(StepScheduler scheduler, QueuedSink sink, RecordingSink inner, Dictionary<LogRecord, (int Producer, int Index)> records, List<LogRecord>? flushMissing)
    {
        // The writer took its last step (the scheduler saw it leave); its thread returns from the loop just after.
        if (!sink.Writer.Wait(TimeSpan.FromSeconds(20)))
        {
            throw new ModelViolation("the writer did not end after dispose");
        }

        var output = inner.Output.Where(records.ContainsKey).ToList();
        if (output.Distinct(ReferenceEqualityComparer.Instance).Count() != output.Count)
        {
            throw new ModelViolation($"a record was written twice: {string.Join(',', output.Select(r => r.Message))}");
        }

        foreach (var group in output.GroupBy(r => records[r].Producer))
        {
            var indices = group.Select(r => records[r].Index).ToList();
            if (!indices.SequenceEqual(indices.Order()))
            {
                throw new ModelViolation($"producer {group.Key}'s records out of order: {string.Join(',', indices)}");
            }
        }

        var counters = sink.Counters;
        var (accepted, written, dropped, refused) = (counters.Accepted, counters.Written, counters.Dropped, counters.Refused);
        if (accepted != records.Count || accepted != written + dropped + refused || written != output.Count)
        {
            throw new ModelViolation($"accepted {accepted} of {records.Count}, written {written} (the sink got {output.Count}), dropped {dropped}, refused {refused}");
        }

        // Wait mode loses a caller's record only when dispose gave up (a record the writer logs into its own full queue
        // is dropped instead of waiting for itself).
        var gaveUp = scheduler.Timeouts.Contains("dispose.drain");
        var fromSinkLost = records.Count(r => r.Value.Producer >= Producers && !output.Contains(r.Key));
        if (Mode == QueueFullMode.Wait && !gaveUp && dropped > fromSinkLost)
        {
            throw new ModelViolation($"Wait mode dropped {dropped} record(s) though dispose did not give up");
        }

        if (flushMissing is not null && flushMissing.FirstOrDefault(output.Contains) is { } late)
        {
            throw new ModelViolation($"FlushAsync completed before record {late.Message}, accepted before it, was written and flushed");
        }
    }
}
