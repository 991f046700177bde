using System.Collections.Concurrent;
using System.Globalization;
using LoguStyle.Pipeline;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The LoguStyle logger provider: one logger per category, writing to the sinks of <see cref="LoguStyleLoggerOptions"/>.
/// Use it through <c>builder.Logging.AddLoguStyle()</c> (package LoguStyle.Hosting), or directly with
/// <c>LoggerFactory.Create(b =&gt; b.AddProvider(new LoguStyleLoggerProvider(options)))</c>.
/// Disposing it drains and flushes every sink.
/// </summary>
[ProviderAlias("LoguStyle")]
public sealed class LoguStyleLoggerProvider : ILoggerProvider, ISupportExternalScope, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LoguStyleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Lock _reconfigureLock = new();
    private readonly TextWriter? _errorOutput;
    private SinkSet _sinks;

    // Disable/Enable's rules: published and pushed into every logger under _reconfigureLock; kept across reloads.
    private CategoryActivation _activation = CategoryActivation.All;
    private IExternalScopeProvider _scopeProvider = new LoggerExternalScopeProvider();
    private readonly LocalClock? _systemClock;
    private bool _disposed;

    // Set when the process's exit drain begins (under _reconfigureLock): a reload from then on applies nothing (see BeginExit).
    private bool _exiting;

    // Completed when the generation dispose drains is written or counted (see FlushAsync); null until dispose begins
    // (set under _reconfigureLock).
    private Task? _disposeDrained;
    private TimeSpan _exitTimeout;
    private Diagnostics.SinkErrorReporter? _patchErrors;
    private volatile bool _logUnhandled;
    private volatile bool _drainOnExit;

    // Set while a bootstrap logger (LoguStyleBootstrap) owns this provider and a host uses it: the host's container
    // disposes what it resolved, but the application's catch and finally blocks still log through the bootstrap logger
    // after the host is gone, so the host's dispose only flushes and hands the exit drain back.
    private volatile bool _heldByBootstrap;

    // Generations replaced by a reload and not yet drained and closed, with the task that completes when they are: a
    // flush waits for them too, and the exit drain gives up on their stuck queues as on the current ones (guarded by
    // _reconfigureLock).
    private readonly List<(SinkSet Set, Task Done)> _retiring = [];

    private TimeSpan? _disposeTimeout;

    // The host's shutdown timeout (HostOptions.ShutdownTimeout) while a host runs this provider (UseHostShutdownTimeout),
    // else null: without a DisposeTimeout, what a reload's close of the replaced sinks may take.
    private TimeSpan? _hostShutdownTimeout;

    // When the host's stop must be over (Environment.TickCount64; long.MaxValue until it began to stop): without a
    // DisposeTimeout, logging calls stuck in the sinks are waited for until then at dispose, and a reload during the stop
    // closes its replaced sinks by then.
    private long _hostStopDeadline = long.MaxValue;

    // What dispose gives logging calls still inside the sinks, and a reload the sinks it replaced, once the host's stop
    // deadline has passed: a call in a healthy sink, or a healthy queue's drain, is over in well under that, and a sink
    // stuck since before the deadline has had the host's whole timeout.
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(100);

    // The sinks whose flush had not completed when the host's shutdown timeout ran out in ShutdownAsync (stuck, or slower
    // than the host allowed): dispose gives them no more time. Null while the host's timeout has not run out.
    private IReadOnlySet<Sink>? _lateAtHostStop;

    // Once the host began to stop (HostStopping): how long a Wait-mode queue's writer may take no record before its
    // callers stop waiting for room, for this generation and any a reload builds during the stop (milliseconds;
    // long.MaxValue until then; guarded by _reconfigureLock).
    private long _stuckAfter = long.MaxValue;

    // Once the host began to stop: when its own records to direct sinks stop being waited for (Environment.TickCount64,
    // _stuckAfter after the stop began), one deadline for every sink of the stop and of generations a reload builds
    // during it: waited for per sink, k stuck sinks held the stop k times as long (guarded by _reconfigureLock).
    private long _hostRecordsUntil = long.MaxValue;

    // How long ShutdownAsync drained before the host's shutdown timeout ran out: the bound the loss reports of the sinks
    // it ran out on name (dispose gives them no more time, so their own bound is zero).
    private TimeSpan _hostWaited;

    // When the host began to stop (HostStopping, on Time's timestamps); 0 until then. StopAsync's own records may wait
    // on a stuck queue before the host's flush (ShutdownAsync) begins, and the host's timeout runs from before them.
    private long _hostStopBegan;

    /// <summary>Creates a provider that writes to the sinks of <paramref name="options"/>, timed by the system clock.</summary>
    /// <param name="options">The sinks; none means one coloured console sink.</param>
    public LoguStyleLoggerProvider(LoguStyleLoggerOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <summary>Creates a provider that writes to the sinks of <paramref name="options"/>.</summary>
    /// <param name="options">The sinks; none means one coloured console sink.</param>
    /// <param name="timeProvider">The clock for record times and elapsed time (inject a fake one in tests).</param>
    /// <exception cref="FormatTemplateException">A sink's template is invalid.</exception>
    /// <exception cref="ArgumentException">Two sinks share a name.</exception>
    public LoguStyleLoggerProvider(LoguStyleLoggerOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, errorOutput: null)
    {
    }

    internal LoguStyleLoggerProvider(LoguStyleLoggerOptions options, TimeProvider timeProvider, TextWriter? errorOutput)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Time = timeProvider;
        _systemClock = ReferenceEquals(timeProvider, TimeProvider.System) ? new LocalClock() : null;
        _errorOutput = errorOutput;
        ScopeFaults = new ScopeFaults(timeProvider, errorOutput);
        StartedAt = Now();
        _sinks = new SinkSet(SinkFactory.Build(options, timeProvider, this, errorOutput), [.. options.Patches]);
        _exitTimeout = options.ExitTimeout;
        _disposeTimeout = options.DisposeTimeout;
        _logUnhandled = options.LogUnhandledExceptions;
        _drainOnExit = options.DrainOnExit;

        // A process that exits without disposing the provider, or dies of an unhandled exception, still gets its
        // queued and buffered records written, within ExitTimeout.
        ExitDrain.Process.Enlist(this, options.DrainOnExit, options.LogUnhandledExceptions);
    }

    internal TimeProvider Time { get; }

    /// <summary>How long draining at exit may take (<see cref="LoguStyleLoggerOptions.ExitTimeout"/>).</summary>
    internal TimeSpan ExitTimeout => _exitTimeout;

    /// <summary>True once the host's stop is older than its shutdown timeout (for tests: an application's own work between
    /// the stop's beginning and its <c>StopAsync</c> that outlasted it).</summary>
    internal bool HostStopOutlivedItsTimeout => Environment.TickCount64 >= Volatile.Read(ref _hostStopDeadline);

    /// <summary>Whether an unhandled exception is written as a record (<see cref="LoguStyleLoggerOptions.LogUnhandledExceptions"/>).</summary>
    internal bool LogsUnhandledExceptions => _logUnhandled;

    /// <summary>
    /// How long draining and closing one generation of sinks may take, for all its sinks together:
    /// <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, else 5 seconds (see <see cref="DisposeBounds"/> for the sinks the
    /// host's shutdown timeout ran out on).
    /// </summary>
    internal TimeSpan DisposeBound => _disposeTimeout ?? Queue.QueuedSink.DefaultDrainTimeout;

    /// <summary>
    /// How long a reload's close of the replaced sinks may take, for all of them together:
    /// <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, else, in a host, its shutdown timeout (an infinite one
    /// counts as none: a reload must end), else 5 seconds.
    /// </summary>
    internal TimeSpan ReloadBound => _disposeTimeout ?? _hostShutdownTimeout ?? Queue.QueuedSink.DefaultDrainTimeout;

    /// <summary>
    /// The dispose's bound, sink by sink: without a <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, a sink whose flush
    /// the host's shutdown timeout ran out on (<see cref="ShutdownAsync"/>) gets nothing more, and its report names what the
    /// host allowed, while the others drain what was logged since within <see cref="DisposeBound"/>.
    /// </summary>
    private SinkBounds DisposeBounds => _disposeTimeout is null && Volatile.Read(ref _lateAtHostStop) is { } late
        ? new SinkBounds(AfterHostStopBound, late, _hostWaited)
        : new SinkBounds(UnstoppedHostBound ?? (Volatile.Read(ref _hostStopBegan) != 0 ? AfterHostStopBound : DisposeBound));

    /// <summary>
    /// Without a <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, the dispose after a host's stop drains what was
    /// logged since within the host's shutdown timeout when that is shorter than 5 s (<see cref="StopGrace"/> at least): a
    /// sink that kept up at the stop and got stuck after it (a syslog receiver stopped) held a SIGTERM with a 2 s timeout
    /// for 7 s, its report naming 5 s (an outside run). A longer timeout keeps the 5 s: the stop itself had that time.
    /// </summary>
    private TimeSpan AfterHostStopBound => _disposeTimeout is null && _hostShutdownTimeout is { } timeout && timeout < DisposeBound
        ? (timeout > StopGrace ? timeout : StopGrace)
        : DisposeBound;

    /// <summary>
    /// Without a <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, in a host that started and never began to stop (it
    /// is disposed without <c>StopAsync</c>: the application threw before it stopped it), the host's shutdown timeout:
    /// the dispose is then the host's whole shutdown, which the application bounded by it, and DisposeTimeout's default
    /// in a host is that timeout (a reload's bound is too). Null otherwise: a host that stopped drained within its timeout
    /// already (see <see cref="DisposeBounds"/>). <see cref="StopGrace"/> at least: a zero timeout (a test host's) still
    /// lets healthy queues hand over what they hold.
    /// </summary>
    private TimeSpan? UnstoppedHostBound => _disposeTimeout is null && Volatile.Read(ref _hostStopBegan) == 0 && _hostShutdownTimeout is { } timeout
        ? (timeout > StopGrace ? timeout : StopGrace)
        : null;

    /// <summary><paramref name="time"/> in the provider's local time zone, as its records show their times.</summary>
    internal DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Time.LocalTimeZone);

    /// <summary>The local time now; <see cref="DateTimeOffset.Now"/> for the system clock, whose local offset is cached.</summary>
    internal DateTimeOffset Now() => _systemClock is { } clock ? clock.Now() : TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Time.LocalTimeZone);

    /// <summary>When the provider started, on its own clock; a record's elapsed time is measured from it.</summary>
    internal DateTimeOffset StartedAt { get; }

    internal IExternalScopeProvider ScopeProvider => Volatile.Read(ref _scopeProvider);

    /// <summary>Counts and reports records written with a scope that could not be read.</summary>
    internal ScopeFaults ScopeFaults { get; }

    internal TimeSpan ElapsedAt(DateTimeOffset timestamp) => timestamp - StartedAt;

    /// <summary>The names of the sinks currently in use, in order.</summary>
    /// <summary>
    /// The sink named <paramref name="name"/> in the generation in use now; null when there is none, or when the provider
    /// is disposed (its stand-ins are no sinks to hand a late call to).
    /// </summary>
    private Sink? CurrentSinkNamed(string name) =>
        Array.Find(Volatile.Read(ref _sinks).Sinks, sink => sink is not ClosingSink && sink.Name.Equals(name, StringComparison.Ordinal));

    internal IReadOnlyList<string> SinkNames => [.. Volatile.Read(ref _sinks).Sinks.Select(sink => sink.Name)];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        var logger = _loggers.GetOrAdd(categoryName, static (name, provider) => new LoguStyleLogger(name, provider, provider.PipelineFor(name)), this);

        // A Disable, Enable or reload that ran while the logger was made may have pushed its change into every logger
        // but this one, not yet in the dictionary: it is there now, so a change published from here on reaches it, and
        // one published before is seen here. (The fence orders the insert before this read, as the change's own
        // publication is ordered before its walk over the loggers.)
        Interlocked.MemoryBarrier();
        var pipeline = logger.Pipeline;
        if (!ReferenceEquals(pipeline.Activation, Volatile.Read(ref _activation)) || !ReferenceEquals(pipeline.Set, Volatile.Read(ref _sinks)))
        {
            logger.Refresh(pipeline);
        }

        return logger;
    }

    /// <summary>
    /// Turns off every logger whose category is <paramref name="categoryPrefix"/> or under it (Loguru's
    /// <c>logger.disable("lib")</c>), for every sink, from the moment the call returns: loggers made earlier too, and calls
    /// already in progress on other threads finish as they began. The prefix matches whole dot-separated segments, as a
    /// sink's <c>Filter</c> does: <c>"Noisy.Library"</c> matches <c>Noisy.Library</c> and <c>Noisy.Library.Cache</c>, not
    /// <c>Noisy.LibraryX</c>; <c>""</c> matches every category. The rules outlive configuration reloads. In a host, get
    /// the provider from DI: <c>services.GetRequiredService&lt;LoguStyleLoggerProvider&gt;()</c>.
    /// </summary>
    /// <param name="categoryPrefix">The category prefix.</param>
    public void Disable(string categoryPrefix) => SetActivation(categoryPrefix, enabled: false);

    /// <summary>
    /// Turns back on the loggers whose category is <paramref name="categoryPrefix"/> or under it (Loguru's
    /// <c>logger.enable("lib")</c>): it undoes a <see cref="Disable"/> of that prefix or of one under it, and, under a
    /// wider disabled prefix, makes an exception of this one (<c>Disable("Noisy")</c>, then <c>Enable("Noisy.Useful")</c>).
    /// Takes effect as <see cref="Disable"/> does.
    /// </summary>
    /// <param name="categoryPrefix">The category prefix.</param>
    public void Enable(string categoryPrefix) => SetActivation(categoryPrefix, enabled: true);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        ArgumentNullException.ThrowIfNull(scopeProvider);
        Volatile.Write(ref _scopeProvider, scopeProvider);
    }

    /// <summary>
    /// Replaces the sinks with those of <paramref name="options"/> (a configuration reload). The new sinks are built
    /// first, so a bad template leaves the old ones in place; records logged during the swap go to the old sinks or
    /// the new ones, never nowhere; the old sinks are drained, flushed and disposed.
    /// </summary>
    /// <param name="options">The new sinks.</param>
    /// <exception cref="FormatTemplateException">A sink's template is invalid; nothing was changed.</exception>
    public void Reconfigure(LoguStyleLoggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SinkSet next;
        SinkSet previous;
        var retired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_reconfigureLock)
        {
            if (_disposed || _exiting)
            {
                // Before the new sinks are built: building them opens their files and updates the settings of a file a
                // current sink writes (the same path), which the exit's drain has set to flush each record.
                if (!_disposed)
                {
                    RefuseReloadAtExit();
                }

                return;
            }

            // Built under the lock, after the look at _exiting: an exit that began while the sinks were built found them
            // built and refused, and the files they had opened (created, for a new path) stayed behind empty (an outside
            // run). The exit's BeginExit waits for the build instead (opening files: milliseconds), and then drains them.
            // The enrichers belong to the generation: a call that entered the old sinks is patched by the old options.
            next = new SinkSet(SinkFactory.Build(options, Time, this, _errorOutput), [.. options.Patches]);

            previous = _sinks;
            SinkHandOver.Order(previous, next);
            StopWaitingIfStuck(next, _stuckAfter, _hostRecordsUntil);
            if (_hostStopBegan != 0)
            {
                NoteHostStopBegan(next);
            }

            _retiring.Add((previous, retired.Task));
            Volatile.Write(ref _sinks, next);

            // Closed to new calls before the loggers move, one by one, to the new sinks: a logger not moved yet finds its
            // sinks retired and takes the current ones. Open meanwhile, a thread's call through a moved logger entered the
            // new queue and its next call, through a logger not moved yet, the old one, which is written first: the
            // thread's records out of order (ReloadOrderTests, 256 categories).
            previous.Retire();
            var activation = Volatile.Read(ref _activation);
            _exitTimeout = options.ExitTimeout;
            _disposeTimeout = options.DisposeTimeout;
            _logUnhandled = options.LogUnhandledExceptions;
            _drainOnExit = options.DrainOnExit;
            ExitDrain.Process.Enlist(this, options.DrainOnExit, options.LogUnhandledExceptions);
            foreach (var logger in _loggers.Values)
            {
                logger.Update(new CategoryPipeline(next, logger.Category, activation));
            }
        }

        try
        {
            // One bound for the whole hand-over: the callers still in the old sinks, then their drain and close. During
            // a host's stop it ends with the stop (the report still names the whole bound).
            var bound = ReloadBound;
            var started = Environment.TickCount64;
            var bounds = new SinkBounds(bound);
            if (_disposeTimeout is null && Volatile.Read(ref _hostStopDeadline) is var deadline && deadline != long.MaxValue)
            {
                var left = TimeSpan.FromMilliseconds(deadline - started);
                bounds = bounds with { Bound = left < StopGrace ? StopGrace : left < bound ? left : bound, Reported = bound };
            }

            Retire(previous, started, bounds, "the replaced sinks");

            // A call Retire stopped waiting for may come back and go on to an old sink closed by then: its record goes to
            // the new sink of the same name instead (old sinks or new ones, never neither); where the reload removed the
            // name, to a stand-in that refuses and counts it as a disposed sink's does (before, it reached the closed
            // output: a file sink's raw ObjectDisposedException on stderr, uncounted; a delegate sink wrote it).
            var removed = new List<Sink>();
            foreach (var sink in previous.Sinks)
            {
                var successor = Array.Find(next.Sinks, successor => successor.Name.Equals(sink.Name, StringComparison.Ordinal));
                sink.SendLateCallsTo(successor ?? new RemovedSinkStandIn(sink, this, CurrentSinkNamed, Time, _errorOutput));
                if (successor is null)
                {
                    removed.Add(sink);
                }
            }

            // The report names the bound the user set, not what the callers' half of it left (it said 0.5 s for 1 s).
            DisposeSinks(previous, started, bounds);

            // A sink the reload removed has no end to come that would tell the records it failed after its last "could
            // not write" line (the dispose and the exit tell those of the sinks in use then): told now, once closed (an
            // outside test: a direct file on a full disk removed by a reload, the meter 927 not written, stderr 1). A
            // sink the reload kept goes on under its name, and its end tells them.
            foreach (var sink in removed)
            {
                sink.Errors.ReportUntold();
            }
        }
        finally
        {
            lock (_reconfigureLock)
            {
                _retiring.Remove((previous, retired.Task));
            }

            retired.TrySetResult();
        }
    }

    /// <summary>
    /// Returns when every record accepted before the call has been written and flushed by every sink (Loguru's
    /// <c>complete()</c>). The task is returned at once: a direct sink flushes on a thread of its own, so a sink stuck in
    /// its output (a file write that never returns holds the file's lock) holds back only the task, not the caller's
    /// thread; and one flush at a time, so calls repeated while it is stuck wait for a flush that begins after them
    /// instead of each blocking one more thread.
    /// </summary>
    /// <param name="cancellationToken">
    /// Ends the wait: the task is cancelled, and awaiting it throws <see cref="OperationCanceledException"/>. The flush
    /// itself goes on and drops nothing: records still queued or buffered are written by the sinks as before (their writers,
    /// their flush timers, a later flush, the dispose).
    /// </param>
    /// <returns>The flush.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        SinkSet current;
        Task[] retiring;
        lock (_reconfigureLock)
        {
            current = _sinks;
            retiring = [.. _retiring.Select(generation => generation.Done)];

            // While dispose drains, the sinks are its stand-ins, which hold nothing: the records accepted before this
            // call are in the generation being disposed, whose drain (or give-up, which counts what is left as dropped)
            // is this flush. Left out, a flush during dispose returned at once with most of them neither written nor
            // counted (an outside run: 62 of 3,000 written).
            if (_disposeDrained is { } disposing)
            {
                retiring = [.. retiring, disposing];
            }
        }

        // The caller's token ends the caller's wait only, never a sink's flush half-way (the host's stop, which must end,
        // passes its token into the sinks). A generation still retiring holds records accepted before this call: its
        // drain and close (which flushes) is its flush.
        return Task.WhenAll(current.Sinks.Select(sink => FlushApart(sink, CancellationToken.None)).Concat(retiring)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The exit's flush, started: each sink's of the current generation and of those a reload is still retiring, a
    /// queue's as its parts (<see cref="Sink.FlushParts"/>). The exit blocks on these tasks themselves: a
    /// <c>Task.WhenAll</c> of them, and a retiring generation's end (its reload's async disposes), complete in
    /// continuations, which at exit may wait for a pool thread that never comes (a starved pool).
    /// </summary>
    internal Task[] StartFlushesForExit() =>
        [.. CurrentSinks.Concat(RetiringSinks).SelectMany(sink => sink is Queue.QueuedSink
            ? Started(() => sink.FlushParts(CancellationToken.None))
            : [sink.Apart.Flush(CancellationToken.None)])];

    /// <summary>
    /// Starts <paramref name="sink"/>'s flush so that no bound or token waits behind it. A direct sink's flush may block:
    /// a file sink's takes the file's lock, which a write that never returns (a hung NFS server, a full pipe) holds for
    /// good; so it runs on a thread of its own, not the caller's (the sinks after it are flushed meanwhile), one at a time
    /// (<see cref="Sinks.ApartFlushes"/>: a later flush waits for the one in flight, so repeated calls do not pile up
    /// threads on a stuck sink). A queue's flush only puts a barrier into its channel and never blocks: it runs here,
    /// without a thread.
    /// </summary>
    private static Task FlushApart(Sink sink, CancellationToken cancellationToken) =>
        sink is Queue.QueuedSink ? Started(() => [sink.FlushAsync(cancellationToken)])[0] : sink.Apart.Flush(cancellationToken);

    /// <summary>A queue's flush, started here: its failure is its task's, as for a flush on a thread of its own.</summary>
    private static Task[] Started(Func<Task[]> start)
    {
        try
        {
            return start();
        }
#pragma warning disable CA1031 // The flush's failure is its task's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return [Task.FromException(ex)];
        }
    }

    /// <summary>
    /// The host's shutdown step: flushes every sink, then closes, rotates and compresses the active file of each file
    /// sink with RotateOnShutdown, and returns when their archives are written (or when <paramref name="cancellationToken"/>
    /// fires: what is left is finished at dispose or at the next start). Records logged afterwards start a new file.
    /// </summary>
    internal async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        var began = Time.GetTimestamp();
        foreach (var sink in CurrentSinks)
        {
            sink.Stopping();
        }

        // Each sink's flush apart: when the host's timeout runs out, the sinks whose flush completed kept up, and dispose
        // still gives them their time; the others get none.
        SinkSet current;
        Task[] retiring;
        lock (_reconfigureLock)
        {
            current = _sinks;
            retiring = [.. _retiring.Select(generation => generation.Done)];
        }

        // Each on a thread of its own, and the wait bounded by the host's token: a direct file sink stuck inside its write would otherwise
        // hold the host's stop past its shutdown timeout (the flush is the host's, so its token goes into the sinks).
        var flushes = current.Sinks.Select(sink => (Sink: sink, Flush: FlushApart(sink, cancellationToken))).ToArray();
        IReadOnlySet<Sink> stuck = new HashSet<Sink>();
        try
        {
            var all = Task.WhenAll(flushes.Select(flush => flush.Flush).Concat(retiring));
            stuck = await StuckAtStopDeadlineAsync(all, flushes, cancellationToken).ConfigureAwait(false);

            // Also when no sink was found stuck: a sink still flushing that handled a record since the stop began (its
            // writer busy with earlier records, then stuck) keeps the host's token, and when that runs out it is given up
            // on below. Skipped, the stop went on as if it had flushed, and the dispose gave it a whole bound more (a
            // loaded test run: 1 s more for a 1 s timeout, 2 s more for 2 s).
            await Task.WhenAll(flushes.Where(flush => !stuck.Contains(flush.Sink)).Select(flush => flush.Flush).Concat(retiring))
                .WaitAsync(cancellationToken).ConfigureAwait(false);

            // An enqueued file's too (the queue in front of it flushed above; records logged since go on into the file the
            // rotation leaves, under the file's own lock).
            var rotations = CurrentSinks.Where(sink => !stuck.Contains(sink))
                .Select(Sinks.FileSink.Of)
                .Where(file => file is { RotatesOnShutdown: true })
                .Select(file => file!.File.RotateForShutdownAsync(cancellationToken));
            await Task.WhenAll(rotations).ConfigureAwait(false);
            if (stuck.Count > 0)
            {
                GaveUpAtHostStop(stuck, _hostShutdownTimeout ?? Time.GetElapsedTime(began));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout ran out: dispose, right after, gives up at once on the sinks whose flush had
            // not completed, and counts and reports what they hold, instead of taking its own time on top of the host's.
            // Measured, not set: named to the tenth of a second, as the host's own timeout is.
            // From the moment the host began to stop, not from this flush: when the host's own stop records waited on a
            // stuck queue first, the flush has only what is left, and the report must name the whole timeout. At most
            // the host's timeout: after SIGTERM the stop records come before its clock starts.
            var since = Volatile.Read(ref _hostStopBegan) is var stopBegan && stopBegan != 0 && stopBegan < began ? stopBegan : began;
            var waited = Time.GetElapsedTime(since);
            if (_hostShutdownTimeout is { } timeout && waited > timeout)
            {
                waited = timeout;
            }

            GaveUpAtHostStop(flushes.Where(flush => !flush.Flush.IsCompletedSuccessfully).Select(flush => flush.Sink).ToHashSet(), waited);
        }
    }

    /// <summary>
    /// Waits for <paramref name="all"/> until the host's stop is a whole shutdown timeout old (<see cref="_hostStopDeadline"/>;
    /// <see cref="StopGrace"/> at least):
    /// the empty set when it completed by then (or the stop began here). Otherwise the sinks whose flush is still running
    /// and that handled no record since the stop began: stuck, they are given up on there and then. After SIGTERM the
    /// host's own stop records ("Application is shutting down...") may wait half the timeout on a stuck queue before
    /// <c>StopAsync</c> starts the host's clock, so the host's token alone held the stop one and a half timeouts (7.5 s of
    /// a 5 s timeout in an outside run). A sink that makes progress keeps the host's whole timeout.
    /// </summary>
    private async Task<IReadOnlySet<Sink>> StuckAtStopDeadlineAsync(Task all, (Sink Sink, Task Flush)[] flushes, CancellationToken cancellationToken)
    {
        var deadline = Volatile.Read(ref _hostStopDeadline);
        if (deadline == long.MaxValue)
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new HashSet<Sink>();
        }

        // StopGrace at least: a healthy sink's flush, just started (a queue's barrier goes through its writer), is not done
        // in the same instant, and an idle sink has handled nothing since the stop began either; when the stop began long
        // before (an application's own work after StopApplication) the deadline may be past already.
        var left = TimeSpan.FromMilliseconds(deadline - Environment.TickCount64);
        try
        {
            await all.WaitAsync(left > StopGrace ? left : StopGrace, cancellationToken).ConfigureAwait(false);
            return new HashSet<Sink>();
        }
        catch (TimeoutException)
        {
            return flushes.Where(flush => !flush.Flush.IsCompleted && flush.Sink.HandledNothingSinceHostStopBegan).Select(flush => flush.Sink).ToHashSet();
        }
    }

    /// <summary>
    /// The host's stop gave up on <paramref name="late"/> after <paramref name="waited"/>: dispose gives them no more time,
    /// and their reports name that bound (to the tenth of a second, as the host's own timeout is).
    /// </summary>
    private void GaveUpAtHostStop(IReadOnlySet<Sink> late, TimeSpan waited)
    {
        _hostWaited = TimeSpan.FromSeconds(Math.Round(waited.TotalSeconds, 1));
        Volatile.Write(ref _lateAtHostStop, late);
    }

    /// <summary>
    /// Drains, flushes and disposes every sink. A log call made while it runs, or after, writes nothing: it is refused and
    /// counted as each sink's error on the <c>LoguStyle</c> meter (<c>logustyle.sink.errors</c>).
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (_heldByBootstrap)
        {
            await ReleaseFromHostAsync().ConfigureAwait(false);
            return;
        }

        SinkSet previous;
        SinkSet closing;
        Task[] retiring;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_reconfigureLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _disposeDrained = drained.Task;
            ExitDrain.Process.Leave(this);

            // Before the loggers leave the sinks: from here on a provider built on one of this one's files waits for its
            // close (the queues drain first), and is not refused as a second writer.
            Files.LogFileRegistry.Disposing(this);
            previous = _sinks;
            retiring = [.. _retiring.Select(generation => generation.Done)];
            closing = Closing(previous);
            Point(closing);
        }

        // One bound for everything: the sinks drain side by side, not one after another, and a reload still closing
        // its old sinks is waited for within the same time.
        var bounds = DisposeBounds;
        var bound = bounds.Bound;
        var started = Environment.TickCount64;
        try
        {
            foreach (var sink in previous.Sinks)
            {
                sink.Stopping();
            }

            Retire(previous, started, bounds, "the sinks being disposed", CallersAtDispose());

            // A call Retire stopped waiting for, stuck in one sink, may come back and go on to the next, closed by then:
            // each sink hands it to its stand-in, which refuses it as it does a call made now (same order: Closing maps
            // the set).
            foreach (var (sink, stand) in previous.Sinks.Zip(closing.Sinks))
            {
                sink.SendLateCallsTo(stand);
            }

            await DisposeSinksAsync(previous, started, bounds).ConfigureAwait(false);
            try
            {
                await Task.WhenAll(retiring).WaitAsync(Left(started, bound)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The reload's own dispose is bounded too and reports what it could not write.
            }
        }
        finally
        {
            // Every record accepted before the dispose is written or counted now: a flush waiting for it returns.
            drained.TrySetResult();
        }

        try
        {
            // The compression of files closed by this dispose or by earlier reloads (each worker bounded, and reporting
            // what it leaves for the next start).
            await Files.LogFileRegistry.DrainedAsync(this).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // An archive worker that failed has reported it; dispose goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        // The stand-ins stay: a call made from here on, also after Dispose returned, is refused and counted like those
        // made while dispose ran. (Pointed at no sinks here, the calls of dispose's last instants went uncounted: an
        // outside tester's threads, logging until Dispose returned, found 41,000-615,000 calls missing.) The line names
        // the calls refused so far; the meter goes on counting.
        foreach (var sink in previous.Sinks)
        {
            // The records a sink could not write after its last "could not write" line (a line goes out once a minute).
            sink.Errors.ReportUntold();
        }

        foreach (var stand in closing.Sinks.OfType<ClosingSink>())
        {
            stand.ReportRefused();
        }

        // The series end only when every generation is gone: a reload still closing adds its final counts first.
        Diagnostics.LoguStyleMeter.Forget(this, Time);
    }

    /// <summary>
    /// The process's exit drain begins: from here on a reload (an edit of appsettings.json that the configuration applies
    /// while the process ends) puts no new generation in place. The drain looks at the sinks when it begins and once more
    /// after its flush; a generation put in place after that was never drained, ended nor flushed (a direct file that
    /// buffers, queues whose drop line never came), and the calls made into it until the process ended were on no count
    /// (an outside run: 2 of 20 exits 0.3-0.45 s after an edit lost each thread's last records).
    /// </summary>
    internal void BeginExit()
    {
        lock (_reconfigureLock)
        {
            _exiting = true;
        }
    }

    /// <summary>Says on stderr that a reload which came after the exit's drain began applies nothing.</summary>
    private void RefuseReloadAtExit() =>
        new Diagnostics.SinkErrorReporter("(provider)", Time, _errorOutput).Report("LoguStyle: the process is exiting; the configuration's change is not applied: the sinks that were draining keep every call until the end.");

    /// <summary>Points every logger at <paramref name="set"/> (callers hold <see cref="_reconfigureLock"/>).</summary>
    private void Point(SinkSet set)
    {
        Volatile.Write(ref _sinks, set);
        foreach (var logger in _loggers.Values)
        {
            // The Disable rules still hold: a disabled category's calls are not the stand-ins' to count.
            logger.Update(new CategoryPipeline(set, logger.Category, Volatile.Read(ref _activation)));
        }
    }

    /// <summary>
    /// The sinks a dispose puts in place of <paramref name="set"/> while it drains and closes it: each refuses the
    /// records offered to it and counts them as its sink's errors (see <see cref="ClosingSink"/>).
    /// </summary>
    private SinkSet Closing(SinkSet set)
    {
        var stands = set.Sinks.Select(sink => (Sink)new ClosingSink(sink, Time, _errorOutput)).ToArray();
        foreach (var stand in stands)
        {
            stand.Publish(this);
        }

        return new SinkSet(stands);
    }

    /// <summary>
    /// A bootstrap logger owns this provider: from now on <see cref="Dispose"/> (the host's container) flushes and hands
    /// the exit drain back instead of closing the sinks; <see cref="CloseAsync"/> (the bootstrap logger's dispose) closes them.
    /// </summary>
    internal void HoldForBootstrap() => _heldByBootstrap = true;

    /// <summary>Drains, flushes and closes every sink, also while a bootstrap logger holds the provider.</summary>
    internal ValueTask CloseAsync()
    {
        _heldByBootstrap = false;
        return DisposeAsync();
    }

    /// <summary>
    /// The host that adopted this provider is gone: what it logged is flushed (within the dispose bound), and the
    /// provider drains on exit and signals again, as before the host started, for the bootstrap logger's last records.
    /// </summary>
    private async Task ReleaseFromHostAsync()
    {
        try
        {
            // As at dispose: a sink the host's timeout ran out on gets no more time here either, and a host disposed
            // without a stop gives its shutdown timeout.
            var bounds = DisposeBounds;
            await FlushAsync().WaitAsync(bounds.Late is { Count: > 0 } ? TimeSpan.Zero : bounds.Bound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still queued: the bootstrap logger's dispose, or the exit drain, writes it.
        }

        lock (_reconfigureLock)
        {
            // Without a host from here on: its timeout bounds nothing more.
            _hostShutdownTimeout = null;
            Volatile.Write(ref _hostStopDeadline, long.MaxValue);
            Volatile.Write(ref _hostStopBegan, 0);
            if (!_disposed)
            {
                ExitDrain.Process.HostReleasedExit(this, _drainOnExit, _logUnhandled);
            }
        }
    }

    /// <summary>
    /// Runs the enrichers of <paramref name="set"/>'s generation on a record before its sinks see it; one that throws is
    /// reported and skipped.
    /// </summary>
    internal void Patch(LogRecord record, SinkSet set)
    {
        foreach (var patch in set.Patches)
        {
            try
            {
                patch(record);
            }
#pragma warning disable CA1031 // An enricher is user code; its failure must not cost the record.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The record goes on to the sinks: the line says so, not "could not write a record".
                (_patchErrors ??= new Diagnostics.SinkErrorReporter("(patch)", Time, _errorOutput)).CountAndReport(count => string.Create(
                    CultureInfo.InvariantCulture,
                    $"LoguStyle: a Patch enricher threw {ex.GetType().Name}: {Formatting.SafeText.Read(() => ex.Message)}; the record was written all the same, patched as far as that enricher got ({count} time(s) so far)"));
            }
        }
    }

    /// <summary>
    /// A host started with this provider: from now on its lifetime handles SIGTERM and SIGINT (a graceful stop whose
    /// hosted service flushes), so the provider's own drain on those two stands down; ProcessExit (<c>Environment.Exit</c>
    /// while the host runs) and SIGHUP, which the host's lifetime does not handle, and an unhandled exception are still
    /// drained here.
    /// </summary>
    internal void HostOwnsExit()
    {
        lock (_reconfigureLock)
        {
            if (!_disposed)
            {
                ExitDrain.Process.HostOwnsExit(this);
            }
        }
    }

    /// <summary>
    /// A host runs this provider, with <paramref name="shutdownTimeout"/> as its <c>HostOptions.ShutdownTimeout</c>:
    /// without a <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, a reload closes the sinks it replaced within it
    /// (<see cref="ReloadBound"/>), as the host's stop drains within it; an infinite one leaves the 5 s, and one longer
    /// than the longest bound .NET's timed waits take is that bound (<see cref="Sinks.OptionsCheck.LongestBound"/>).
    /// </summary>
    internal void UseHostShutdownTimeout(TimeSpan shutdownTimeout)
    {
        lock (_reconfigureLock)
        {
            _hostShutdownTimeout = shutdownTimeout < TimeSpan.Zero ? null
                : shutdownTimeout > Sinks.OptionsCheck.LongestBound ? Sinks.OptionsCheck.LongestBound
                : shutdownTimeout;
        }
    }

    /// <summary>
    /// How long dispose waits for logging calls still inside the sinks (a direct sink blocked in its output), and the
    /// bound its report names: without a <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>, once the host began to
    /// stop, until the end of the host's shutdown timeout, and <see cref="StopGrace"/> at least (the stop spent the
    /// rest); null otherwise: the dispose bound.
    /// </summary>
    private (TimeSpan Wait, TimeSpan Reported)? CallersAtDispose()
    {
        var deadline = Volatile.Read(ref _hostStopDeadline);
        if (_disposeTimeout is not null || deadline == long.MaxValue || _hostShutdownTimeout is not { } timeout)
        {
            return null;
        }

        var left = TimeSpan.FromMilliseconds(deadline - Environment.TickCount64);
        return (left > StopGrace ? left : StopGrace, timeout);
    }

    /// <summary>
    /// The host began to stop (its <c>ApplicationStopping</c>): from now on a logging call waiting for room in a full
    /// <c>Wait</c>-mode queue whose writer, awake, has taken no record for half of <paramref name="shutdownTimeout"/> (a
    /// stuck sink; an idle writer is not one) leaves, and its record is dropped, counted and reported, as at dispose. The
    /// host's own stop records ("Application is shutting down...") and the application's go through the same queues, so a
    /// stuck sink whose queue is full would otherwise hold the stop, and SIGTERM, for good. A queue whose writer drains,
    /// or was idle until the callers came, keeps its callers waiting: letting them go would drop records that the drain
    /// (<see cref="ShutdownAsync"/>) still had time to write.
    /// The host's own records to a direct sink are waited for as long at most (<see cref="HostStopWrites"/>).
    /// </summary>
    /// <param name="shutdownTimeout">The host's <c>HostOptions.ShutdownTimeout</c>; an infinite one changes nothing.</param>
    internal void HostStopping(TimeSpan shutdownTimeout)
    {
        if (shutdownTimeout < TimeSpan.Zero)
        {
            // Timeout.InfiniteTimeSpan: the host waits for good, and so may its callers.
            return;
        }

        lock (_reconfigureLock)
        {
            if (_disposed)
            {
                return;
            }

            if (_hostStopBegan == 0)
            {
                Volatile.Write(ref _hostStopBegan, Time.GetTimestamp());
                NoteHostStopBegan(_sinks);
            }

            _stuckAfter = Math.Min(_stuckAfter, (long)shutdownTimeout.TotalMilliseconds / 2);
            _hostRecordsUntil = Math.Min(_hostRecordsUntil, Environment.TickCount64 + _stuckAfter);
            StopWaitingIfStuck(_sinks, _stuckAfter, _hostRecordsUntil);
            Volatile.Write(ref _hostStopDeadline, Math.Min(_hostStopDeadline, Environment.TickCount64 + (long)shutdownTimeout.TotalMilliseconds));
        }
    }

    /// <summary>
    /// The host logged its "Hosting stopping" record (category <c>Microsoft.Extensions.Hosting.Internal.Host</c>, event 3):
    /// a <c>StopAsync</c> the application calls itself logs it first, before the host's lifetime fires
    /// <c>ApplicationStopping</c>, so the stop's rule (<see cref="HostStopping"/>) starts here, before that record can wait
    /// for room in a stuck sink's full queue: with the host's logging at Debug it waited there for good and the stop never
    /// ended (an outside run: 205 s, until SIGTERM). Nothing when no host runs this provider, or its timeout is infinite.
    /// </summary>
    internal void HostStopAnnounced()
    {
        TimeSpan? timeout;
        lock (_reconfigureLock)
        {
            timeout = _hostStopBegan == 0 ? _hostShutdownTimeout : null;
        }

        if (timeout is { } shutdownTimeout)
        {
            HostStopping(shutdownTimeout);
        }
    }

    /// <summary>What each sink of <paramref name="set"/> had handled when the host began to stop (or when it joined the stop).</summary>
    private static void NoteHostStopBegan(SinkSet set)
    {
        foreach (var sink in set.Sinks)
        {
            sink.NoteHostStopBegan();
        }
    }

    /// <summary>
    /// Callers waiting for room in the queues of <paramref name="set"/> leave once its writer, awake, has taken no record for
    /// <paramref name="milliseconds"/>; a call writing one of the host's own records to a direct sink of it waits that
    /// long after the stop began at most, until <paramref name="hostRecordsUntil"/> for every sink together
    /// (<see cref="HostStopWrites"/>: the host logs them on the thread that runs its stop, where a stuck direct sink held
    /// <c>StopAsync</c> for good); the host's own records to a queue of it wait for room briefly (<see cref="Queue.QueuedSink.HostStopBegan"/>).
    /// </summary>
    private static void StopWaitingIfStuck(SinkSet set, long milliseconds, long hostRecordsUntil)
    {
        if (milliseconds == long.MaxValue)
        {
            return;
        }

        foreach (var sink in set.Sinks)
        {
            if (sink is Queue.QueuedSink queued)
            {
                queued.StopWaitingIfStuckFor(milliseconds);
                queued.HostStopBegan();
            }
            else
            {
                sink.BoundHostRecords(TimeSpan.FromMilliseconds(milliseconds), hostRecordsUntil);
            }
        }
    }

    /// <summary>
    /// Callers waiting for room in the queues of <paramref name="set"/> leave once its writer, awake, has taken no record
    /// for half of each sink's bound (a stuck sink), and at the end of the bound from <paramref name="started"/> at the latest.
    /// </summary>
    private static void StopWaiting(SinkSet set, long started, SinkBounds bounds)
    {
        foreach (var queued in set.Sinks.OfType<Queue.QueuedSink>())
        {
            // The stuck rule, not a deadline for every queue: the callers a stuck queue lets go go on into the other
            // queues of the set, and a healthy queue full for an instant (capacity 1, its writer busy) dropped their
            // records once its own half had passed.
            var bound = (long)bounds.For(queued).TotalMilliseconds;
            queued.StopWaitingIfStuckFor(bound / 2);
            queued.StopWaitingAt(started + bound);
        }
    }

    /// <summary>The sinks in use, for tests.</summary>
    internal IReadOnlyList<Sinks.Sink> CurrentSinks => Volatile.Read(ref _sinks).Sinks;

    /// <summary>
    /// The sinks of the generations a reload replaced and is still draining and closing: the exit drain gives up on their
    /// stuck queues too, since the reload's bound (5 s by default) may outlast the exit's.
    /// </summary>
    internal IReadOnlyList<Sinks.Sink> RetiringSinks
    {
        get
        {
            lock (_reconfigureLock)
            {
                return [.. _retiring.SelectMany(generation => generation.Set.Sinks)];
            }
        }
    }

    /// <summary>
    /// The exit drain, as it begins: watches the logging calls inside the sinks now (see <see cref="ReportCallsStillWriting"/>),
    /// in the current generation and in those a reload replaced and is still retiring: a call stuck in one of those holds
    /// the reload, not the exit, and the process ends under it all the same.
    /// </summary>
    internal (Pipeline.SinkSet Set, int Bank)[] WatchCallsInside()
    {
        SinkSet[] sets;
        lock (_reconfigureLock)
        {
            sets = [Volatile.Read(ref _sinks), .. _retiring.Select(generation => generation.Set)];
        }

        return [.. sets.Select(set => (set, set.WatchCallsInside()))];
    }

    /// <summary>
    /// The exit drain, at its end: waits up to <paramref name="wait"/> for the logging calls that were inside when it
    /// began (<paramref name="watches"/>) and says on stderr how many stayed, as dispose does; the process ends without
    /// their records. Watched from the drain's start, not its end: a call that threads logging steadily have in flight at
    /// the end is not one the drain waited for. Of those that stayed, the callers still in the room wait of a queue the
    /// exit gave up on (<paramref name="leavingGivenUp"/>, read after the wait) are not in a stuck sink: the give-up let
    /// them go and their records there are dropped and counted; only the scheduler has not run them out yet. They get a
    /// line of their own, so the other line counts only calls a sink holds (or a thread kept off its core past the room).
    /// </summary>
    internal void ReportCallsStillWriting((Pipeline.SinkSet Set, int Bank)[] watches, string why, TimeSpan wait, TimeSpan bound, Func<long>? leavingGivenUp = null)
    {
        // One wait for all the generations: each gets what the ones before it left.
        var started = Environment.TickCount64;
        long staying = 0;
        foreach (var (set, bank) in watches)
        {
            staying += set.CallsStillInside(bank, Left(started, wait));
        }

        if (staying == 0)
        {
            return;
        }

        // A caller in the room wait of a given-up queue may have come after the drain began (not watched): at most all
        // of those that stayed.
        var leaving = Math.Min(staying, leavingGivenUp?.Invoke() ?? 0);
        var reporter = new Diagnostics.SinkErrorReporter("(provider)", Time, _errorOutput);
        if (leaving > 0)
        {
            reporter.Report(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"LoguStyle: the process is {why}; {leaving} logging call(s) let go from waiting for room in a queue the exit gave up on had not left that wait after {Diagnostics.BoundText.Of(bound)} (their threads not yet run again); their records there are counted with that queue's drops, and are not written by the sinks after it."));
        }

        if (staying > leaving)
        {
            reporter.Report(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"LoguStyle: the process is {why}; {staying - leaving} logging call(s) were still writing to the sinks after {Diagnostics.BoundText.Of(bound)} (a sink stuck in its output, or a thread not run again since a queue's give-up let it go); their records are not written by the sinks after it."));
        }
    }

    internal CategoryPipeline PipelineFor(string category) => new(Volatile.Read(ref _sinks), category, Volatile.Read(ref _activation));

    private void SetActivation(string categoryPrefix, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(categoryPrefix);
        lock (_reconfigureLock)
        {
            if (_disposed)
            {
                return;
            }

            var activation = Volatile.Read(ref _activation).With(categoryPrefix, enabled);

            // A full fence between publishing the rules and walking the loggers: see CreateLogger.
            Interlocked.Exchange(ref _activation, activation);
            var sinks = Volatile.Read(ref _sinks);
            foreach (var logger in _loggers.Values)
            {
                logger.Update(new CategoryPipeline(sinks, logger.Category, activation));
            }
        }
    }

    /// <summary>
    /// Closes <paramref name="set"/> to new calls and waits, within the bound of <paramref name="bounds"/> from
    /// <paramref name="started"/>, for the calls still writing to it; says so on stderr when some never left. Callers
    /// waiting for room in its stuck queues (no record taken for half their sink's bound) drop their records (counted, reported):
    /// the other half is for the writers to drain what they queued, so a stuck sink cannot hold the dispose past the bound.
    /// The report names the sinks as <paramref name="which"/> (a dispose's are not replaced: a plain host stop said
    /// "replaced sinks"). <paramref name="callers"/>, when given, is how long to wait for the calls inside and the bound
    /// the report names (a dispose in a host: see <see cref="CallersAtDispose"/>).
    /// </summary>
    private void Retire(SinkSet set, long started, SinkBounds bounds, string which, (TimeSpan Wait, TimeSpan Reported)? callers = null)
    {
        StopWaiting(set, started, bounds);

        var (wait, reported) = callers ?? (Left(started, bounds.Bound), bounds.Late is { Count: > 0 } ? bounds.LateReported : bounds.Reported ?? bounds.Bound);
        if (!set.RetireAndWait(wait))
        {
            new Diagnostics.SinkErrorReporter("(provider)", Time, _errorOutput).Report(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"LoguStyle: logging calls were still writing to {which} after {Diagnostics.BoundText.Of(reported)}; the sinks are closed anyway and those calls' records may be lost."));
        }
    }

    /// <summary>What is left of <paramref name="bound"/> since <paramref name="started"/> (<see cref="Environment.TickCount64"/>).</summary>
    private static TimeSpan Left(long started, TimeSpan bound)
    {
        var left = bound - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static void DisposeSinks(SinkSet set, long started, SinkBounds bounds) =>
        DisposeSinksAsync(set, started, bounds).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Drains, flushes and closes every sink of <paramref name="set"/> at once, each within what is left of its bound in
    /// <paramref name="bounds"/> since <paramref name="started"/>.
    /// </summary>
    private static ValueTask DisposeSinksAsync(SinkSet set, long started, SinkBounds bounds) =>
        new(Task.WhenAll(set.Sinks.Select(sink => DisposeSinkAsync(set, sink, Left(started, bounds.For(sink)), bounds.ReportedFor(sink)))));

    /// <summary>Closes <paramref name="sink"/>, whose flush outlasted the dispose's bound, once it can be.</summary>
    private static async Task CloseLateAsync(Sink sink)
    {
        try
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Nobody waits for this close: its failure is the sink's error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            sink.Errors.RecordFailed(ex);
        }
    }

    private static async Task DisposeSinkAsync(SinkSet set, Sink sink, TimeSpan bound, TimeSpan reportedBound)
    {
        // A direct sink's counts are final once no call is left in it: a call the dispose gave up on (an application's,
        // still inside the set, or a host record's on its own thread) counts its record when the sink returns. Taken as
        // final at the dispose, that record would be counted nowhere. A queue settles itself.
        sink.Stats.Settled ??= () => set.IsEmpty && !sink.IsWritingHostRecord;
        try
        {
            if (sink is Queue.QueuedSink queued)
            {
                // Its own dispose drains within the bound, then counts and reports what is left.
                await queued.DisposeAsync(bound, reportedBound).ConfigureAwait(false);
                return;
            }

            // Bounded, and apart (FlushApart): a sink stuck in its output must not hang dispose. A direct file sink's flush and
            // close take the file's lock, which a write that never returns holds for good: called here, they blocked
            // before the bound applied.
            var flush = FlushApart(sink, CancellationToken.None);
            try
            {
                await flush.WaitAsync(bound).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }

            if (!flush.IsCompleted)
            {
                // Closed when its stuck write returns, without dispose waiting for it (the report of the calls still
                // writing said so): after the flushes in flight and waiting, on a thread that starts only then.
                _ = sink.Apart.CloseAfter(() => CloseLateAsync(sink));
                return;
            }

            await sink.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One sink failing to close must not keep the others open.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            sink.Errors.RecordFailed(ex);
        }
    }
}
