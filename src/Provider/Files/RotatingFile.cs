using LoguStyle.Diagnostics;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// One log file and its life, the orchestrator of the pieces that make it up: the <see cref="ActiveFile"/> that
/// records go into (private or shared, chosen once here), the <see cref="RotationPeriod"/> that says when to rotate, the
/// <see cref="FileRotator"/> that renames and hands closed files to the <see cref="ArchiveWorker"/>. It holds the lock
/// every change happens under (a shared file also takes the lock of every process writing it), and the two timers:
/// one rotates an idle file at its clock boundary, one flushes buffered records. Knows nothing of formatting: it is
/// given the bytes of one record at a time. The rotation steps are in RotatingFile.Rotation.cs, the process's exit in
/// RotatingFile.Exit.cs.
/// </summary>
internal sealed partial class RotatingFile : IAsyncDisposable
{
    private readonly PathTemplate _path;
    private readonly TimeProvider _time;
    // The counts of the newest sink generation holding the file, which its records and losses go to (a reload's).
    private readonly FileCounts _counts;
    private readonly Lock _lock = new();
    private readonly ITimer _rotationTimer;
    private readonly ITimer _flushTimer;
    private readonly ArchiveWorker _archiver;
    private readonly FileRotator _rotator;
    private readonly ActiveFile _file;
    private FileSettings _settings;

    private bool _closed;

    // Set by the flush timer when it found the file's lock taken: the lock's holder flushes before it lets go
    // (FlushIfDue), as the timer would have once it had the lock. A timer never waits for the lock: its callback runs on
    // a pool thread, and a write that never returns (a hung NFS server) would hold that thread for good; a few such files
    // take the pool's threads, and a host's stop then waits for the pool to grow, past its shutdown timeout.
    private volatile bool _flushDue;

    // How soon a timer that found the file's lock taken tries again: it backs the holder's flush (a holder other than a
    // write does not flush), and it rotates an idle file at its boundary soon after a write that held the lock ends.
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(100);

    public RotatingFile(PathTemplate path, FileSettings settings, TimeProvider time, SinkStats stats, SinkErrorReporter errors)
    {
        _path = path;
        _settings = settings;
        _time = time;
        _counts = new FileCounts(stats, errors);
        _rotationTimer = time.CreateTimer(_ => OnRotationTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _flushTimer = time.CreateTimer(_ => OnFlushTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _archiver = new ArchiveWorker(path, () => Volatile.Read(ref _settings), IsActivePath, ActiveOrNextPath, () => Volatile.Read(ref _closings), time, errors, settings.Shared ? SharedFileLock.PathOf(path.FullPath, "archive-lock") : null);
        _rotator = new FileRotator(_archiver);

        // The locks of a shared file are opened when first needed: a folder that cannot be created yet is retried like the file.
        _file = settings.Shared
            ? new SharedActiveFile(this, time, ArmFlushTimer, _counts, SharedFileLock.PathOf(path.FullPath))
            : new PrivateActiveFile(this, time, ArmFlushTimer, _counts);
        if (!settings.Delay)
        {
            lock (_lock)
            {
                try
                {
                    _file.OpenAtStart();
                }
                // The sink's line, named, once a minute per sink name: a reload that adds the sink back builds a new file
                // object, which would otherwise say it again at every re-add. It takes the minute of the "could not write
                // a record" line of the records the failed open fails: they follow at once, and would say it again.
                catch (FileOpenException ex)
                {
                    // Its message already names the file, the reason and the retry.
                    errors.ReportFailureAhead(ex.Message);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.ReportFailureAhead($"could not open {path.Configured}: {ex.Message}; the first record logged tries again.");
                }
            }
        }
    }

    /// <summary>The active file's full path, once opened.</summary>
    public string? ActivePath
    {
        get
        {
            lock (_lock)
            {
                return _activePath;
            }
        }
    }

    /// <summary>The archive worker, for waiting on compression and retention.</summary>
    public ArchiveWorker Archiver => _archiver;

    /// <summary>The settings in force (a reload replaces them).</summary>
    internal FileSettings Settings => _settings;

    /// <summary>
    /// A newer generation of the sink shares the file (a reload): the file's records and losses are counted to it from now
    /// on (<see cref="FileCounts"/>).
    /// </summary>
    public void Join(SinkStats stats, SinkErrorReporter errors) => _counts.Join(stats, errors);

    /// <summary>A generation released its lease on the file: nothing is counted to it from now on.</summary>
    public void Leave(SinkStats stats) => _counts.Leave(stats);

    /// <summary>Takes new settings (a reload); the next write and the next boundary follow them.</summary>
    public void Update(FileSettings settings)
    {
        lock (_lock)
        {
            // Shared cannot change while the file is open: the lock and batching are chosen when it is created.
            if (settings.Shared != _file.IsShared)
            {
                _counts.Errors.Report($"LoguStyle: Shared of {_path.Configured} cannot change while the application runs (it stays {_file.IsShared.ToString().ToLowerInvariant()}); restart to apply it.");
            }

            var rotationChanged = !ReferenceEquals(settings.Rotation, _settings.Rotation);
            Volatile.Write(ref _settings, settings with { Shared = _file.IsShared });
            if (_file.IsOpen)
            {
                ScheduleBoundary(_time.GetUtcNow());
                if (rotationChanged)
                {
                    // A shared file's start time is written under the processes' lock only.
                    _file.OnRotationChanged();
                }
            }
        }
    }

    /// <summary>
    /// Writes one whole record logged at <paramref name="now"/> (its own time: rotation follows the time records were
    /// logged, and the clock is not read twice), rotating first when a condition says so. Counted written (to the file's
    /// <see cref="FileCounts"/>) once its buffer reaches the operating system: as a logging call when <paramref name="isCall"/>,
    /// else in bytes only (a sink's line about itself).
    /// </summary>
    public void Append(ReadOnlySpan<byte> record, bool isCall, DateTimeOffset now)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _file.Append(record, isCall, now);
            FlushIfDue();
        }
    }

    /// <summary>Flushes buffered records to the operating system.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _file.Flush(closing: _closed);
        }
    }

    /// <summary>
    /// True once <see cref="RotateForShutdownAsync"/> ran (the host's stop): the file a later record opens (the host's own
    /// last records, "Hosting stopped" at Debug) is not rotated again at dispose, where it would be an archive of its own;
    /// it stays the active file, which the next start continues. Read and written under the file's lock.
    /// </summary>
    internal bool RotatedForShutdown { get; private set; }

    /// <summary>
    /// Rotates the active file now, if it holds records, without opening the next one (a later record opens it), and
    /// returns when its compression and retention are done. The shutdown step of <see cref="FileSinkOptions.RotateOnShutdown"/>.
    /// </summary>
    public Task RotateForShutdownAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return Task.CompletedTask;
            }

            try
            {
                _file.RotateForShutdown();
                RotatedForShutdown = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The flush before the rename failed (a full disk), which the host's stop must not throw: the records stay
                // buffered, and the dispose tries the rotation again, then closes the file and counts what it could not write.
                _counts.Errors.ReportKept(ex);
                return Task.CompletedTask;
            }
        }

        return _archiver.IdleAsync().WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (CloseActiveFile())
        {
            await DrainArchivesAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the active file (flushed, rotated with RotateOnShutdown) and a shared file's lock: from here the path may
    /// be opened afresh. The archive worker goes on with the closed files it was handed; <see cref="DrainArchivesAsync"/>
    /// waits for it.
    /// </summary>
    /// <returns>False when it was closed before.</returns>
    public bool CloseActiveFile()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
        }

        try
        {
            lock (_lock)
            {
                _rotationTimer.Dispose();
                _flushTimer.Dispose();
                try
                {
                    _file.CloseForDispose();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _counts.Errors.Report($"LoguStyle: closing {_activePath} failed: {ex.Message}; {_counts.Errors.FailedInAll} record(s) not written in all.");
                }
            }
        }
        finally
        {
            // Whatever closing the file did, the shared lock is released.
            _file.Dispose();
        }

        return true;
    }

    /// <summary>Stops the archive worker once its queued jobs are done, within its bound (it says what is left if not).</summary>
    public ValueTask DrainArchivesAsync() => _archiver.DisposeAsync();

    private void ArmFlushTimer() => _flushTimer.Change(_settings.FlushInterval, Timeout.InfiniteTimeSpan);

    private void OnRotationTimer()
    {
        // Not while a write holds the lock (see _flushDue): that write judged the rotation itself, and the timer looks
        // again soon, once the file may be idle.
        if (!_lock.TryEnter())
        {
            RetryWhenBusy(_rotationTimer);
            return;
        }

        try
        {
            if (!_closed && _file.IsOpen)
            {
                _file.OnBoundaryTimer();
            }
        }
#pragma warning disable CA1031 // A timer thread has no caller: whatever fails (I/O, a rotation predicate) is reported, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (ex is IOException or UnauthorizedAccessException)
            {
                // The flush before the rename failed (a full disk): the records stay buffered for the next try.
                _counts.Errors.ReportKept(ex);
            }
            else
            {
                _counts.RecordFailed(ex);
            }
        }
        finally
        {
            _lock.Exit();
        }
    }

    private void OnFlushTimer()
    {
        // The flag first: a holder that lets go after the TryEnter below fails sees it and flushes.
        _flushDue = true;
        if (!_lock.TryEnter())
        {
            RetryWhenBusy(_flushTimer);
            return;
        }

        try
        {
            FlushIfDue();
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>The timer's flush, under the lock, when one is due; a failure is reported and the timer tries again.</summary>
    private void FlushIfDue()
    {
        if (!_flushDue)
        {
            return;
        }

        _flushDue = false;
        try
        {
            _file.Flush(closing: _closed);
        }
#pragma warning disable CA1031 // The timer's flush has no caller (nor does a write's for it): whatever fails is reported, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _counts.Errors.ReportKept(ex);

            // Still dirty: try again later rather than leaving records in the buffer until the next rotation.
            if (!_closed)
            {
                ArmFlushTimer();
            }
        }
    }

    /// <summary>A timer found the file's lock taken: it fires again soon instead of waiting on its pool thread.</summary>
    private static void RetryWhenBusy(ITimer timer)
    {
        try
        {
            timer.Change(BusyRetry, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The lock's holder was closing the file: it disposed the timer, and nothing is left to flush or rotate.
        }
    }
}
