using LoguStyle.Diagnostics;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Sinks;

/// <summary>
/// A built sink: its filters (level, per-category levels, predicate) and its output. Never throws into the caller:
/// a failure is counted and reported by the sink's <see cref="SinkErrorReporter"/>.
/// </summary>
internal abstract class Sink : IAsyncDisposable
{
    private readonly CategoryFilter _filter;
    private readonly Func<LogRecord, bool>? _predicate;
    private readonly Action<LogRecord>? _patch;
    private readonly LogLevel _maxLevel;
    private volatile Task? _holdUntil;

    // Set by a dispose (or reload) about to close this sink once it has stopped waiting for the calls still in the
    // provider's sinks: a call that comes back later (stuck in a sink before this one) is refused by the stand-in, as a
    // call made during the dispose is (or written by the reload's new sink of this name), instead of reaching the closed
    // output (it showed ObjectDisposedException ... RotatingFile on stderr).
    private volatile Sink? _lateCallsTo;

    // Set on a direct sink once the host began to stop: the host's own records are written on a thread of their own
    // and waited for within a bound, so a sink stuck in its output cannot hold the host's stop (see HostStopWrites).
    private volatile HostStopWrites? _hostStop;

    // What this sink had handled (records written or failed) when the host began to stop; -1 until then. One that has
    // handled nothing since when the stop's whole timeout has passed is stuck (LoguStyleLoggerProvider.ShutdownAsync).
    private long _handledAtHostStop = -1;

    // Made at the first flush apart: most sinks never need one (a queue's flush does not block).
    private ApartFlushes? _apart;

    // Which of the rare paths of Emit are on (the Unusual* bits): one read on the hot path instead of one per path. A
    // bit is set after its field and cleared after its field is, so a call that sees a bit finds what it stands for.
    private int _unusual;

    private const int UnusualFilters = 1;
    private const int UnusualHold = 2;
    private const int UnusualLateCalls = 4;
    private const int UnusualHostStop = 8;

    protected Sink(SinkOptions options, SinkErrorReporter errors)
    {
        Name = options.Name;
        Level = options.Level;
        _maxLevel = options.MaxLevel;
        StackCaller = options.CallerInfo == CallerInfo.StackTrace;
        _filter = new CategoryFilter(options.Filter);
        _predicate = options.Predicate;
        _patch = options.Patch;
        _unusual = FiltersBit();
        Errors = errors;
    }

    /// <summary>
    /// A decorator's base (a queue in front of <paramref name="inner"/>): the same name, level, filters, enricher, error
    /// reporter and counts, so none of them exists twice.
    /// </summary>
    protected Sink(Sink inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Name = inner.Name;
        Level = inner.Level;
        _maxLevel = inner._maxLevel;
        StackCaller = inner.StackCaller;
        _filter = inner._filter;
        _predicate = inner._predicate;
        _patch = inner._patch;
        _unusual = FiltersBit();
        Errors = inner.Errors;
        Stats = inner.Stats;
    }

    /// <summary>
    /// A stand-in for <paramref name="inner"/> (see <see cref="ClosingSink"/>): its name, level and filters, with counts
    /// and an error reporter of its own.
    /// </summary>
    protected Sink(Sink inner, SinkErrorReporter errors)
        : this(inner)
    {
        Errors = errors;
        Stats = new();
    }

    /// <summary>This sink's flushes and late close on threads of their own, one at a time (see <see cref="ApartFlushes"/>).</summary>
    internal ApartFlushes Apart => LazyInitializer.EnsureInitialized(ref _apart, () => new ApartFlushes(this));

    /// <summary>The sink's running counts (published on the <c>LoguStyle</c> meter).</summary>
    public SinkStats Stats { get; private protected init; } = new();

    /// <summary>The host began to stop (or this sink joined a stop under way): remembers what it had handled by then. Once.</summary>
    internal void NoteHostStopBegan() => Interlocked.CompareExchange(ref _handledAtHostStop, Handled, -1);

    /// <summary>True when the host began to stop and this sink has written or failed no record since (<see cref="NoteHostStopBegan"/>).</summary>
    internal bool HandledNothingSinceHostStopBegan => Volatile.Read(ref _handledAtHostStop) is var at && at >= 0 && Handled == at;

    // Records written or failed: what a sink that is not stuck goes on adding to (records dropped in front of it are not).
    private long Handled => Stats.Written + Errors.FailedRecords;

    /// <summary>True for sinks that count written records themselves, under their own lock or on their writer.</summary>
    protected internal virtual bool CountsOwnWrites => false;

    /// <summary>
    /// Publishes this sink's counts on the meter, in the series of <paramref name="owner"/> (its provider); done by the
    /// factory once the sink is fully built.
    /// </summary>
    internal void Publish(object owner) => LoguStyleMeter.Register(owner, Name, Stats, Errors);

    public string Name { get; }

    public LogLevel Level { get; }

    public SinkErrorReporter Errors { get; }

    /// <summary>True when a plain MEL call's record for this sink carries the caller found from the stack (<c>CallerInfo: StackTrace</c>).</summary>
    public bool StackCaller { get; }

    /// <summary>
    /// True when the record itself reaches user code (a delegate sink), which reads its caller from the record's
    /// properties; false for sinks that format it, whose formatter decides what of the caller to write.
    /// </summary>
    public virtual bool HandsRecordsToUserCode => false;

    /// <summary>True when records for this sink must carry their scopes.</summary>
    public virtual bool UsesScopes => false;

    /// <summary>True when this sink reads a record's template and properties.</summary>
    public virtual bool UsesProperties => false;

    /// <summary>
    /// True when this sink may keep a record after <see cref="Emit"/> returns (a queue, user code); false for sinks that
    /// format it at once, which lets the provider reuse one record per thread.
    /// </summary>
    public virtual bool RetainsRecords => true;

    /// <summary>
    /// True when disposing this sink while a queue's writer is inside one of its calls would fail that call (a file:
    /// the close ends the descriptor the write needs). A queue then closes it only between two calls of its writer, or
    /// has the writer close it when its call returns (see <see cref="Queue.InnerSinkUse"/>). False where the close must
    /// run beside a stuck call (a syslog sink's close ends a send blocked on its receiver) or does not touch it (a delegate).
    /// </summary>
    internal virtual bool ClosesBetweenWrites => false;

    /// <summary>
    /// Records this sink accepted from a queue's writer (so the queue counts them as written) and holds, neither written
    /// nor counted on its meter yet: a syslog connection's batch not yet sent. Read by the queue's give-up from another
    /// thread, which counts them as in the sink's hands; settled later as written or failed, if the process lives on.
    /// </summary>
    internal virtual long RecordsHeld => 0;

    /// <summary>
    /// The exit's give-up counts <see cref="RecordsHeld"/> as in the sink's hands, for good: the sink then counts none of
    /// those records again (as failed when the exit ends the send they wait in), so the lines add up to the calls.
    /// </summary>
    internal virtual long CountHeldAtExit() => RecordsHeld;

    /// <summary>The lowest level this sink writes for <paramref name="category"/>: its Level and its filter, both applied.</summary>
    public LogLevel MinLevelFor(string category)
    {
        var filtered = _filter.LevelFor(category);
        return filtered > Level ? filtered : Level;
    }

    /// <summary>
    /// Holds the callers' writes to this (direct) sink until <paramref name="predecessor"/> completes: the previous
    /// generation's queue with the same output drains first, so a thread's queued records are not overtaken by its next,
    /// direct ones (see SinkHandOver).
    /// </summary>
    internal void HoldUntil(Task predecessor)
    {
        _holdUntil = predecessor;
        Interlocked.Or(ref _unusual, UnusualHold);
    }

    /// <summary>
    /// A reload keeps this sink's output: <paramref name="previous"/> is the previous generation's sink that writes
    /// there, still draining, and this one writes only after it (see SinkHandOver). Called once, before any record
    /// reaches this sink. A sink that can carry on with something of the previous one's (a syslog connection, which
    /// the receiver reads apart from a new one) links to it here; by default nothing is taken over.
    /// </summary>
    internal virtual void InheritFrom(Sink previous)
    {
    }

    /// <summary>
    /// From now on a record offered to this sink goes to <paramref name="next"/>: at dispose its stand-in (a
    /// <see cref="ClosingSink"/>, which refuses and counts it), at a reload the new sink of the same name, or, when the
    /// reload removed the name, a <see cref="RemovedSinkStandIn"/>; set by the provider before it
    /// closes this sink.
    /// </summary>
    internal void SendLateCallsTo(Sink next)
    {
        _lateCallsTo = next;
        Interlocked.Or(ref _unusual, UnusualLateCalls);
    }

    /// <summary>
    /// The host began to stop: from now on its own records (<see cref="HostStopWrites.IsHostRecord"/>) are waited for
    /// until <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>, <paramref name="wait"/> after the stop
    /// began, the same for every sink) in this (direct) sink, and a short floor past it until the stop gives up on one of
    /// its writes; set by the provider, once.
    /// </summary>
    internal void BoundHostRecords(TimeSpan wait, long deadline)
    {
        _hostStop ??= new HostStopWrites(this, wait, deadline);
        Interlocked.Or(ref _unusual, UnusualHostStop);
    }

    /// <summary>
    /// True when every record <see cref="Emit"/> is given reaches <see cref="Write"/> (no MaxLevel, predicate or enricher),
    /// the hand-overs and closes aside.
    /// </summary>
    internal bool WritesEveryRecordGiven => _maxLevel >= LogLevel.Critical && _predicate is null && _patch is null;

    /// <summary>
    /// True when something of this sink reads a record's <see cref="LogRecord.Properties"/>: its output
    /// (<see cref="UsesProperties"/>), its <see cref="SinkOptions.Predicate"/> or its <see cref="SinkOptions.Patch"/>,
    /// so that the capture reads them for it (<see cref="Pipeline.CapturePlan"/>).
    /// </summary>
    internal bool ReadsProperties => UsesProperties || _predicate is not null || _patch is not null;

    /// <summary>The highest level this sink writes (its MaxLevel; <see cref="LogLevel.Critical"/> when it has none).</summary>
    public LogLevel MaxLevel => _maxLevel;

    /// <summary>True while a host record's write on a thread of its own (see <see cref="HostStopWrites"/>) has not returned.</summary>
    internal bool IsWritingHostRecord => _hostStop is { IsWriting: true };

    /// <summary>Applies MaxLevel, runs the predicate and writes the record; any failure is reported, never thrown.</summary>
    public void Emit(LogRecord record)
    {
        // MaxLevel is checked here rather than in the logger's level table: that table holds one minimum per sink and
        // feeds the cached IsEnabled answers, which an upper bound must not change (another sink may take the record).
        if (record.Level > _maxLevel)
        {
            return;
        }

        // Hot path: a sink with no predicate or enricher, in no hand-over, close or host stop, and a record whose caller
        // no sink has to hide, is written at once.
        if (Volatile.Read(ref _unusual) == 0 && !record.CallerFromStack)
        {
            WriteCounted(record);
            return;
        }

        EmitUnusual(record);
    }

    private void EmitUnusual(LogRecord record)
    {
        if (_holdUntil is { } hold)
        {
            // Bounded: the old queue's dispose gives up within its bound and completes the task.
            HoldFor(hold);
        }

        if (_lateCallsTo is { } next)
        {
            HandOnLate(next, record);
            return;
        }

        try
        {
            if (_predicate is not null && !_predicate(record))
            {
                return;
            }

            // A formatting sink leaves out a caller found from the stack for another sink by itself (its formatter
            // asks LogRecord.ShowsCaller). User code reads the record's properties, so a delegate sink that did not
            // ask gets a copy without it, and so does the enricher of any sink that did not ask; one copy serves both.
            var hideStackCaller = record.CallerFromStack && !StackCaller && HandsRecordsToUserCode;
            if (_patch is not null || hideStackCaller)
            {
                // This sink's own copy: other sinks must not see what its enricher adds.
                record = record.Copy(keepStackCaller: StackCaller);
                _patch?.Invoke(record);
            }
        }
#pragma warning disable CA1031 // The contract: a logging call never throws into the application.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(record, ex);
            return;
        }

        if (_hostStop is { } hostStop && HostStopWrites.IsHostRecord(record))
        {
            hostStop.Write(record);
        }
        else
        {
            WriteCounted(record);
        }
    }

    /// <summary>
    /// Takes a late call handed on by the sink this one stands for or succeeds (see <see cref="SendLateCallsTo"/>); a
    /// removed sink's stand-in may hand it on again (<see cref="RemovedSinkStandIn.EmitLate"/>).
    /// </summary>
    internal virtual void EmitLate(LogRecord record) => Emit(record);

    // The caller's record may be one its generation pools or reuses (chosen for sinks that keep no record); a successor
    // that keeps records gets a copy of its own. Late calls are rare: the copy costs nothing on the hot path.
    private protected static void HandOnLate(Sink next, LogRecord record) => next.EmitLate(next.RetainsRecords ? record.Copy() : record);

    /// <summary>Writes <paramref name="record"/> and counts it; a failure is counted and reported, never thrown.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void WriteCounted(LogRecord record)
    {
        try
        {
            Write(record);
            if (!CountsOwnWrites)
            {
                Stats.AddWritten();
            }
        }
#pragma warning disable CA1031 // The contract: a logging call never throws into the application.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(record, ex);
        }
    }

    private void Failed(LogRecord record, Exception ex)
    {
        if (_lateCallsTo is { } closedBy)
        {
            // Closed under this call (it passed the check in Emit an instant before): the failure is the close's.
            HandOnLate(closedBy, record);
        }
        else
        {
            Errors.RecordFailed(ex);
        }
    }

    private void HoldFor(Task hold)
    {
        if (Queue.QueueWriterMark.IsWriter)
        {
            // A record logged from inside a queue's writer (a delegate that logs): that writer may be the old queue's,
            // and waiting for it to drain would wait for itself. It goes ahead; the callers still wait.
            return;
        }

        hold.GetAwaiter().GetResult();
        _holdUntil = null;
        Interlocked.And(ref _unusual, ~UnusualHold);
    }

    /// <summary>Writes one record on the caller's thread.</summary>
    protected abstract void Write(LogRecord record);

    private int FiltersBit() => _predicate is not null || _patch is not null ? UnusualFilters : 0;

    /// <summary>
    /// Formats <paramref name="record"/> now, on the logging thread, and keeps the bytes on it for this sink's later
    /// <see cref="Write"/> (a queue whose writer fell behind shares the work this way). False when this sink cannot.
    /// </summary>
    internal virtual bool TryPreRender(LogRecord record) => false;

    /// <summary>Writes one record from a background writer; by default the same as <see cref="Write"/>.</summary>
    public virtual ValueTask WriteAsync(LogRecord record, CancellationToken cancellationToken)
    {
        Write(record);
        return ValueTask.CompletedTask;
    }

    /// <summary>Returns when everything accepted before the call is written and flushed.</summary>
    public virtual Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The flushes <see cref="FlushAsync"/> waits for all of (one, unless the sink has queues behind it: a Syslog sink's
    /// connections), started. The exit blocks on these tasks themselves: a <c>Task.WhenAll</c> of them completes in a
    /// continuation, which at exit may wait for a pool thread that never comes (a starved pool).
    /// </summary>
    internal virtual Task[] FlushParts(CancellationToken cancellationToken) => [FlushAsync(cancellationToken)];

    /// <summary>
    /// The host is stopping (or the provider is being disposed): a sink that waits for something that may not come back
    /// (a syslog receiver) stops waiting for it, so the stop is not held for the whole shutdown timeout. Any thread, once.
    /// </summary>
    internal virtual void Stopping()
    {
    }

    /// <summary>
    /// Closes this sink once the queue in front of it drained (or gave up): a sink with queues of its own behind it
    /// (a Syslog sink's connections) drains them within <paramref name="drainLeft"/> and reports what is left against
    /// <paramref name="reportedBound"/>; any other sink is disposed.
    /// </summary>
    internal virtual ValueTask CloseAfterDrainAsync(TimeSpan drainLeft, TimeSpan reportedBound) => DisposeAsync();

    /// <summary>
    /// The process is exiting and its drain ended the queue in front of this sink: queues behind it end the same way, in
    /// <paramref name="wait"/> (what is left of the bound), then are given up and counted. Blocks until they have: the
    /// exit's end of a queue runs on a thread of its own, and waits without the pool, which may be starved.
    /// </summary>
    internal virtual void EndInnerQueuesAtExit(TimeSpan wait, TimeSpan bound, string why)
    {
    }

    /// <summary>
    /// The process is exiting and the queue in front of this sink drained it: its writer wrote everything and ended. What
    /// a receiver should see end ends as a dispose ends it (a Syslog connection: TLS close_notify, then the TCP close);
    /// nothing else is closed, since the process ends next. Not called when the exit gave the queue up: its writer may
    /// still be inside the sink.
    /// </summary>
    internal virtual void EndDrainedAtExit()
    {
    }

    /// <summary>The process is exiting: queues behind the one in front of this sink tell the drops not reported yet.</summary>
    internal virtual void ReportInnerQueuesPendingDrops()
    {
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        LoguStyleMeter.Unregister(Stats);
        return ValueTask.CompletedTask;
    }
}
