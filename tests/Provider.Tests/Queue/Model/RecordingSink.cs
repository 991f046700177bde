using LoguStyle.Diagnostics;
using LoguStyle.Queue;
using LoguStyle.Sinks;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The inner sink of a scheduled queue: records what it was given and, at each flush, how much it had been given. Its
/// write and its flush are steps of the schedule, so other threads can move while the writer is in the sink.
/// </summary>
internal class RecordingSink(TimeProvider time)
    : Sink(new DelegateSinkOptions("model", _ => { }), new SinkErrorReporter("model", time, TextWriter.Null))
{
    public List<LogRecord> Output { get; } = [];

    /// <summary>For each inner flush, the length of <see cref="Output"/> when it ran.</summary>
    public List<int> FlushedAt { get; } = [];

    private QueuedSink? _queue;
    private Func<LogRecord, LogRecord?>? _logFor;

    /// <summary>While it writes a record for which <paramref name="logFor"/> returns one, this sink logs that one into <paramref name="queue"/> (its own queue: the re-entrant path).</summary>
    public void LogsInto(QueuedSink queue, Func<LogRecord, LogRecord?> logFor) => (_queue, _logFor) = (queue, logFor);

    /// <summary>
    /// From this write on (1 = the first), the sink stalls in each write until no other thread can move (a sink that
    /// stays busy while the callers run); 0: it never stalls.
    /// </summary>
    public int StallFrom { get; init; }

    private int _writes;

    protected override void Write(LogRecord record)
    {
        Take(record);
        if (_logFor?.Invoke(record) is { } own)
        {
            _queue!.Emit(own);

            // A step of its own after the call, as the producers' (see QueueFootprints).
            QueueSteps.Step("sink.logged");
        }
    }

    /// <summary>The sink's write of <paramref name="record"/>: a stall when it is due, the write's step, the output.</summary>
    protected void Take(LogRecord record)
    {
        if (StallFrom > 0 && ++_writes >= StallFrom)
        {
            QueueSteps.Scheduler!.Block("sink.stall", () => false, QueueStepTimeout.WhenIdle);
        }

        QueueSteps.Step("sink.write");
        Output.Add(record);
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        QueueSteps.Step("sink.flush");
        FlushedAt.Add(Output.Count);
        return Task.CompletedTask;
    }
}
