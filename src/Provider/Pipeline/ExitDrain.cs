using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Pipeline;

/// <summary>
/// The process's one set of exit handlers for every live provider: ProcessExit, SIGTERM, SIGINT and SIGHUP drain queues
/// and flush files within each provider's <see cref="LoguStyleLoggerOptions.ExitTimeout"/>; an unhandled exception is written as
/// one Critical record, then drained. The runtime holds one handler of each kind while any provider wants it and none
/// once none does, however many providers were built (a provider leaves at dispose).
/// </summary>
/// <remarks>
/// A provider in a host leaves the signals to the host's lifetime once the host starts (<see cref="HostOwnsExit"/>): the
/// host's lifetime turns SIGTERM and SIGINT into a graceful stop, whose hosted service flushes. It handles no ProcessExit
/// (<c>Environment.Exit</c> while the host runs, or the end of Main without a stop), no SIGHUP (the terminal closed) and
/// no unhandled exception, so those stay here.
/// </remarks>
internal sealed class ExitDrain
{
    private const string UnhandledCategory = "LoguStyle.UnhandledException";

    // How long the close of a drained queue waits for its writer at least: a stuck queue beside it may have taken the
    // whole ExitTimeout, and a healthy writer writes what came in since its flush (at most its capacity) in far less.
    private static readonly TimeSpan CloseAtLeast = TimeSpan.FromMilliseconds(100);

    // What the queues' ends may take past their own waits: a thread to start on and a count to make on a busy machine.
    private static readonly TimeSpan EndsMargin = TimeSpan.FromMilliseconds(100);

    // Two templates, so each property holds what its name says: a named thread's name, or else its managed id.
    private static readonly Action<ILogger, string, Exception?> UnhandledOnNamedThread = LoggerMessage.Define<string>(
        LogLevel.Critical, new EventId(0, "UnhandledException"), "Unhandled exception on thread {ThreadName}; the process is ending");

    private static readonly Action<ILogger, int, Exception?> UnhandledOnThread = LoggerMessage.Define<int>(
        LogLevel.Critical, new EventId(0, "UnhandledException"), "Unhandled exception on thread {ThreadId}; the process is ending");

    private readonly Lock _lock = new();

    // Copied on write under _lock, read without it by the handlers: the providers that drain on ProcessExit, on
    // SIGTERM and SIGINT (not those a host's lifetime stops), and on a crash.
    private LoguStyleLoggerProvider[] _onExit = [];
    private LoguStyleLoggerProvider[] _onSignal = [];
    private LoguStyleLoggerProvider[] _onCrash = [];
    private readonly HashSet<LoguStyleLoggerProvider> _hosted = new(ReferenceEqualityComparer.Instance);
    private PosixSignalRegistration[]? _signals;
    private PosixSignalRegistration? _hangup;
    private bool _exitHooked;
    private bool _crashHooked;
    private int _crashSeen;
    private readonly TaskCompletionSource _crashDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The process's handlers.</summary>
    public static ExitDrain Process { get; } = new();

    /// <summary>
    /// Enlists <paramref name="provider"/> as its options say, or updates it after a reload: it drains on exit and on
    /// signals with <see cref="LoguStyleLoggerOptions.DrainOnExit"/> until a host owns its exit; it is written to and drained on
    /// an unhandled exception with <see cref="LoguStyleLoggerOptions.DrainOnExit"/> or
    /// <see cref="LoguStyleLoggerOptions.LogUnhandledExceptions"/>.
    /// </summary>
    public void Enlist(LoguStyleLoggerProvider provider, bool drainOnExit, bool logUnhandled)
    {
        lock (_lock)
        {
            Set(ref _onExit, provider, drainOnExit);
            Set(ref _onSignal, provider, drainOnExit && !_hosted.Contains(provider));
            Set(ref _onCrash, provider, drainOnExit || logUnhandled);
            Install();
        }
    }

    /// <summary>
    /// A host started with <paramref name="provider"/>: its lifetime stops the host on SIGTERM and SIGINT. The provider
    /// still drains on ProcessExit, which the host's lifetime does not handle (<c>Environment.Exit</c> while it runs).
    /// </summary>
    public void HostOwnsExit(LoguStyleLoggerProvider provider)
    {
        lock (_lock)
        {
            _hosted.Add(provider);
            Set(ref _onSignal, provider, false);
            Install();
        }
    }

    /// <summary>
    /// The host that owned <paramref name="provider"/>'s exit is gone but the provider lives on (a bootstrap logger holds
    /// it): it drains on exit and signals again, as its options say.
    /// </summary>
    public void HostReleasedExit(LoguStyleLoggerProvider provider, bool drainOnExit, bool logUnhandled)
    {
        lock (_lock)
        {
            _hosted.Remove(provider);
            Enlist(provider, drainOnExit, logUnhandled);
        }
    }

    /// <summary>The provider is disposed: no handler of the process refers to it any more.</summary>
    public void Leave(LoguStyleLoggerProvider provider)
    {
        lock (_lock)
        {
            _hosted.Remove(provider);
            Set(ref _onExit, provider, false);
            Set(ref _onSignal, provider, false);
            Set(ref _onCrash, provider, false);
            Install();
        }
    }

    /// <summary>Whether <paramref name="provider"/> drains on signals (SIGTERM, SIGINT), and on an unhandled exception.</summary>
    internal (bool OnSignal, bool OnCrash) Handles(LoguStyleLoggerProvider provider)
    {
        lock (_lock)
        {
            return (_onSignal.Contains(provider), _onCrash.Contains(provider));
        }
    }

    /// <summary>Whether <paramref name="provider"/> drains on ProcessExit and on SIGHUP.</summary>
    internal bool DrainsOnProcessExit(LoguStyleLoggerProvider provider)
    {
        lock (_lock)
        {
            return _onExit.Contains(provider);
        }
    }

    private static void Set(ref LoguStyleLoggerProvider[] members, LoguStyleLoggerProvider provider, bool member)
    {
        var index = Array.IndexOf(members, provider);
        if (member && index < 0)
        {
            members = [.. members, provider];
        }
        else if (!member && index >= 0)
        {
            members = [.. members[..index], .. members[(index + 1)..]];
        }
    }

    /// <summary>Registers with the runtime the handlers some provider wants, and unregisters those none wants (under _lock).</summary>
    private void Install()
    {
        var exit = _onExit.Length > 0;
        if (exit != _exitHooked)
        {
            if (exit)
            {
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            }
            else
            {
                AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            }

            _exitHooked = exit;
        }

        // SIGHUP drains whoever drains on ProcessExit, host or not: no host lifetime handles it.
        if (exit && _hangup is null)
        {
            _hangup = Register(PosixSignal.SIGHUP, () => Volatile.Read(ref _onExit));
        }
        else if (!exit && _hangup is not null)
        {
            _hangup.Dispose();
            _hangup = null;
        }

        var signal = _onSignal.Length > 0;
        if (signal && _signals is null)
        {
            _signals = RegisterTerminationSignals();
        }
        else if (!signal && _signals is not null)
        {
            foreach (var registration in _signals)
            {
                registration.Dispose();
            }

            _signals = null;
        }

        var crash = _onCrash.Length > 0;
        if (crash != _crashHooked)
        {
            if (crash)
            {
                AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
            }
            else
            {
                AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
            }

            _crashHooked = crash;
        }
    }

    /// <summary>
    /// .NET raises no ProcessExit when SIGTERM (docker stop, systemd, kill) or SIGINT ends a process that does not
    /// handle the signal itself (a host does): the queues and buffers would be lost. The providers drain on them, then
    /// the signal's default action goes on.
    /// </summary>
    private PosixSignalRegistration[] RegisterTerminationSignals() =>
        [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }.Select(signal => Register(signal, () => Volatile.Read(ref _onSignal))).OfType<PosixSignalRegistration>()];

    /// <summary>
    /// Drains <paramref name="providers"/> when <paramref name="signal"/> arrives; the handler does not cancel it, so its
    /// default action (ending the process, with exit code 128 + the signal's number) goes on after the drain, and a
    /// handler of the application that cancels it still can. Null where the platform has no such signal.
    /// </summary>
    private static PosixSignalRegistration? Register(PosixSignal signal, Func<LoguStyleLoggerProvider[]> providers)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context => DrainAll(providers(), $"ending on {context.Signal}", processEnds: false));
        }
        catch (PlatformNotSupportedException)
        {
            // Not a signal this platform has: nothing to drain on.
            return null;
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DrainAll(Volatile.Read(ref _onExit), "exiting", processEnds: true);

    /// <summary>
    /// When several threads die at once, each raises the event, and the process ends as soon as any handler returns.
    /// The first writes the exception and drains; the others wait for it (bounded), or they would end the process
    /// under it, before its record reached an enqueued sink.
    /// </summary>
    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        var providers = Volatile.Read(ref _onCrash);
        if (Interlocked.Exchange(ref _crashSeen, 1) != 0)
        {
            _crashDone.Task.Wait(LongestExitTimeout(providers) + TimeSpan.FromSeconds(1));
            return;
        }

        foreach (var provider in providers)
        {
            LogUnhandled(provider, e.ExceptionObject);
        }

        DrainAll(providers, "dying of an unhandled exception", processEnds: true);
        _crashDone.TrySetResult();
    }

    /// <summary>Writes the exception that kills the process as one Critical record, before the drain, so it is in the log and not only on stderr.</summary>
    internal static void LogUnhandled(LoguStyleLoggerProvider provider, object exception)
    {
        if (!provider.LogsUnhandledExceptions)
        {
            return;
        }

        try
        {
            var logger = provider.CreateLogger(UnhandledCategory);
            var error = exception as Exception ?? new InvalidOperationException(Formatting.SafeText.Of(exception));
            if (Thread.CurrentThread.Name is { } name)
            {
                UnhandledOnNamedThread(logger, name, error);
            }
            else
            {
                UnhandledOnThread(logger, Environment.CurrentManagedThreadId, error);
            }
        }
#pragma warning disable CA1031 // The process is dying; the drain that follows matters more than this record.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Drains every provider side by side, each within its own ExitTimeout. <paramref name="processEnds"/>: false for a
    /// signal, whose default action an application may cancel and log on (a SIGHUP that reloads its settings, a Ctrl+C
    /// it handles), so the drain must leave every queue open.
    /// </summary>
    private static void DrainAll(LoguStyleLoggerProvider[] providers, string why, bool processEnds)
    {
        if (providers.Length == 1)
        {
            Drain(providers[0], why, processEnds);
            return;
        }

        // Each on a thread of its own, not the pool's (see ThreadOfItsOwn); Drain catches what it throws.
        var drains = providers.Select(provider => ThreadOfItsOwn.Run(() => Drain(provider, why, processEnds), "LoguStyle exit: drain of a provider")).ToArray();
        Task.WaitAll(drains, LongestExitTimeout(providers) + TimeSpan.FromSeconds(1));
    }

    /// <summary>Drains queues and flushes files within ExitTimeout, and says on stderr what could not be written.</summary>
    internal static void Drain(LoguStyleLoggerProvider provider, string why, bool processEnds)
    {
        try
        {
            var timeout = provider.ExitTimeout;
            var started = Stopwatch.GetTimestamp();

            // The calls inside a sink now: those still inside when the drain ends are stuck; calls made during the drain
            // count apart (threads that go on logging always have one in flight).
            var watches = provider.WatchCallsInside();

            // A direct file sink has no queue to refuse the calls threads still make after the drain: from here on it
            // flushes each record as it writes it, and the flush below takes what its buffer holds; a flush that fails
            // (a full disk) counts what it could not write and drops it, so that the end of the process takes nothing
            // from a buffer uncounted. Not at a signal's drain: the application may go on.
            if (processEnds)
            {
                // First: no reload puts sinks in place that the drain would not see (see BeginExit).
                provider.BeginExit();
                foreach (var file in provider.CurrentSinks.OfType<Sinks.FileSink>())
                {
                    file.File.FlushEachRecordFromNow();
                }
            }

            // Each queue's own flush beside the provider's: the queues whose flush is not done in time are those the exit
            // gives up on. The provider's flush alone cannot say which, and is done when a reload's give-up completed it
            // without writing. The queues of a generation a reload is still draining too: the reload's bound may outlast
            // the exit's, and the process would end without a word about what they hold.
            var queues = QueueFlushes([.. provider.CurrentSinks, .. provider.RetiringSinks], []);
            WaitWithin(provider.StartFlushesForExit(), timeout);

            // A reload during the wait put new queues in place: they get what is left of the timeout.
            var replaced = QueueFlushes(provider.CurrentSinks, queues);
            var left = timeout - Stopwatch.GetElapsedTime(started);
            WaitWithin([.. replaced.Values.SelectMany(parts => parts)], left > TimeSpan.Zero ? left : TimeSpan.Zero);
            var ends = new List<Task>();
            foreach (var (queued, parts) in queues.Concat(replaced))
            {
                var flushed = Array.TrueForAll(parts, part => part.IsCompleted);
                if (!processEnds)
                {
                    // A signal's drain leaves every queue open (the application may cancel the signal and log on).
                    if (!flushed)
                    {
                        queued.ReportNotDrainedOnSignal(timeout, why);
                    }

                    continue;
                }

                // Ended, one way for every queue: drained, it is closed and its writer writes what came in since within
                // what is left of the timeout; not drained, it is given up at once. Either way what it and the queues
                // behind it still hold at the end is counted, and a call after the drain is refused and counted.
                var closeLeft = timeout - Stopwatch.GetElapsedTime(started);
                var wait = flushed ? (closeLeft > CloseAtLeast ? closeLeft : CloseAtLeast) : TimeSpan.Zero;
                ends.Add(EndAtExit(queued, wait, flushed ? wait : timeout, why));
            }

            // Bounded: an end waits what is left of the timeout (at least CloseAtLeast) for its writer, then up to
            // WaitersLeave for the callers its give-up woke; a give-up that waits longer (a cancellation callback of a
            // user's sink that blocks) must not keep the process from ending, nor the reports below from being written.
            var endsLeft = timeout - Stopwatch.GetElapsedTime(started);
            Task.WaitAll([.. ends], Max(endsLeft, CloseAtLeast) + Queue.QueuedSink.WaitersLeave + EndsMargin);

            // The last flush of every file, now that the queues in front of them have ended (a failed flush of their
            // writer kept its records for a next one that would never come): what a buffer still holds is written, or
            // counted as not written and dropped, for the lines below to tell. Begun before the wait for the calls still
            // inside a sink, which it needs no end of: it takes the file's lock, so it comes after a write in progress,
            // and a record written after it is flushed, or counted and dropped, as it is written.
            var flushesBegan = Stopwatch.GetTimestamp();
            var lastFlushes = processEnds ? StartLastFlushes(provider) : [];

            // A call stuck in a direct sink holds nothing a flush waits for, and the process ends under it: said on stderr.
            // At least CloseAtLeast: the callers a queue's give-up lets go (waiting for room since before the drain, so
            // watched) leave only after it, when the timeout is spent, and then still pass the sinks after that queue; a
            // look with no wait reports such callers as stuck while other threads keep the cores busy.
            var rest = timeout - Stopwatch.GetElapsedTime(started);
            provider.ReportCallsStillWriting(
                watches,
                why,
                rest > CloseAtLeast ? rest : CloseAtLeast,
                timeout,
                () => queues.Keys.Concat(replaced.Keys).Sum(queued => queued.CallersLeavingClosedRoom));

            // What is left of the timeout, and at least CloseAtLeast from their start: a write that never returns holds
            // its file's lock, and the last flush's thread with it.
            var flushesLeft = Max(timeout - Stopwatch.GetElapsedTime(started), CloseAtLeast - Stopwatch.GetElapsedTime(flushesBegan));
            WaitWithin(lastFlushes, flushesLeft > TimeSpan.Zero ? flushesLeft : TimeSpan.Zero);

            // The process may end without a dispose: stderr tells every drop the once-a-minute report has not told yet.
            foreach (var queued in queues.Keys.Concat(replaced.Keys))
            {
                queued.ReportPendingDrops();
                queued.Inner.ReportInnerQueuesPendingDrops();
            }

            // And the records each sink could not write that no line told yet (the calls the drain refused, a batch
            // given up, a buffer its last flush could not write): a sink's "could not write" line goes out once a minute,
            // with the count of its moment. Also a sink a reload is still retiring, whose name the reload may have removed.
            // A signal's drain ends nothing (the application may cancel the signal and log on): the sinks go on counting
            // under their minute, and a file's buffer that its flush could not write is said with its count, as what the
            // process loses if it ends now.
            foreach (var sink in provider.CurrentSinks.Concat(provider.RetiringSinks))
            {
                if (processEnds)
                {
                    sink.Errors.ReportUntold();
                }
                else
                {
                    sink.Errors.ReportUntoldSoFar();
                }
            }

            if (!processEnds)
            {
                ReportBuffersLostIfTheProcessEnds(provider, why);
            }
        }
#pragma warning disable CA1031 // The process is exiting; a flush that fails has nowhere left to report.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Blocks up to <paramref name="timeout"/> for every one of <paramref name="tasks"/>: on the tasks themselves, not on
    /// a <c>Task.WhenAll</c>, whose task completes in a continuation that at exit may wait for a pool thread that never
    /// comes (a starved pool): the drain then waited its whole timeout for queues that had drained. A flush that failed
    /// is done (its sink said why on stderr): the drain goes on.
    /// </summary>
    private static void WaitWithin(Task[] tasks, TimeSpan timeout)
    {
        try
        {
            Task.WaitAll(tasks, timeout);
        }
        catch (AggregateException)
        {
        }
    }

    /// <summary>
    /// Ends one queue at exit. The end runs on a thread of its own (see QueuedSink.EndAtExitAsync), so the ends of k
    /// queues, each of which may wait up to WaitersLeave for the callers its give-up woke, run side by side and add one
    /// such wait to the timeout, not k. Its failure is its own: the other ends, and the reports after them, go on.
    /// </summary>
    private static Task EndAtExit(Queue.QueuedSink queued, TimeSpan wait, TimeSpan bound, string why) =>
        queued.EndAtExitAsync(wait, bound, why).ContinueWith(
            static _ => { },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    /// <summary>
    /// Starts the exit's last flush (<see cref="Files.RotatingFile.FlushLastAtExit"/>) of each file of the provider's file
    /// sinks, direct or behind a queue, and of those a reload is still retiring; once a file (a reload's generations share
    /// it). Each on a thread of its own: a write that never returns holds its file's lock for good, and the other files
    /// are flushed meanwhile.
    /// </summary>
    private static Task[] StartLastFlushes(LoguStyleLoggerProvider provider) =>
        [.. FileSinksOf(provider).Select(sink => ThreadOfItsOwn.Run(sink.File.FlushLastAtExit, "LoguStyle exit: last flush of a file"))];

    /// <summary>
    /// After a signal's drain: each file whose buffer still holds records its flush could not write (a full disk) says how
    /// many, on stderr, as what the process loses if it ends now; not counted as lost, since the application may cancel
    /// the signal, and the next flush writes them once there is room. A file whose lock a stuck write holds is not waited
    /// for beyond <see cref="CloseAtLeast"/>.
    /// </summary>
    private static void ReportBuffersLostIfTheProcessEnds(LoguStyleLoggerProvider provider, string why)
    {
        foreach (var sink in FileSinksOf(provider))
        {
            if (sink.File.TryCountUnwrittenCalls(CloseAtLeast, out var calls) && calls > 0)
            {
                sink.Errors.Report(string.Create(
                    CultureInfo.InvariantCulture,
                    $"LoguStyle: the process is {why}; sink '{sink.Name}' could not write the {calls} record(s) in its file's buffer; they are lost if the process ends now (the file stays open: the application may cancel the signal, and the next flush writes them once it can)."));
            }
        }
    }

    /// <summary>
    /// The provider's file sinks, direct or behind a queue, and those a reload is still retiring; one sink a file (a
    /// reload's generations share it).
    /// </summary>
    private static IEnumerable<Sinks.FileSink> FileSinksOf(LoguStyleLoggerProvider provider) =>
        provider.CurrentSinks.Concat(provider.RetiringSinks)
            .Select(Sinks.FileSink.Of)
            .OfType<Sinks.FileSink>()
            .DistinctBy(sink => sink.File);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A flush of each queue of <paramref name="sinks"/> not in <paramref name="known"/>, as its parts (see <see cref="Sinks.Sink.FlushParts"/>).</summary>
    private static Dictionary<Queue.QueuedSink, Task[]> QueueFlushes(IReadOnlyList<Sinks.Sink> sinks, Dictionary<Queue.QueuedSink, Task[]> known) =>
        sinks.OfType<Queue.QueuedSink>().Where(queued => !known.ContainsKey(queued))
            .ToDictionary(queued => queued, queued => queued.FlushParts(CancellationToken.None));

    private static TimeSpan LongestExitTimeout(LoguStyleLoggerProvider[] providers) =>
        providers.Length == 0 ? TimeSpan.Zero : providers.Max(provider => provider.ExitTimeout);
}
