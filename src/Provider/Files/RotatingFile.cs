using System.Globalization;
using LoguStyle.Diagnostics;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// One active log file and its life: opening (append or truncate, start time kept across restarts), writing whole
/// records, rotating before a record when a condition says so or when a clock boundary passes (a timer rotates an
/// idle file), renaming the closed file and handing it to the <see cref="ArchiveWorker"/>. Knows nothing of
/// formatting: it is given the bytes of one record at a time, and buffers them in a <see cref="WriteBehindFile"/>. All
/// state changes under one lock (and, for a shared file, under the lock of every process writing it too: see
/// RotatingFile.Shared.cs).
/// </summary>
internal sealed partial class RotatingFile : IAsyncDisposable
{
    private static readonly TimeSpan OpenRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRotateRetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(30);

    private readonly PathTemplate _path;
    private readonly TimeProvider _time;
    private readonly SinkErrorReporter _errors;
    private readonly Lock _lock = new();
    private readonly ITimer _rotationTimer;
    private readonly ITimer _flushTimer;
    private readonly ArchiveWorker _archiver;
    private FileSettings _settings;
    private readonly string? _sharedLockPath;
    private SharedFileLock? _sharedLock;
    private readonly RecordBatch? _batch;
    private WriteBehindFile? _stream;
    private AppendFile? _shared;
    private long _generation;
    private string? _activePath;
    private long _size;
    private DateTimeOffset _started;
    private DateTimeOffset _nextBoundary = DateTimeOffset.MaxValue;
    private DateTimeOffset _retryOpenAt = DateTimeOffset.MinValue;

    // A rotation whose rename failed is tried again at _retryRotateAt, after a delay that doubles up to a minute: the
    // file stays open and records go on into it meanwhile (not a close and reopen per record, reported once a minute).
    private DateTimeOffset _retryRotateAt = DateTimeOffset.MinValue;
    private TimeSpan _rotateRetryDelay = OpenRetryDelay;

    // What the open file is (device and inode), for Watch to notice a different file at its path.
    private FileIdentity? _identity;
    private string? _openError;
    private bool _everOpened;
    private bool _dirty;
    private bool _closed;

    public RotatingFile(PathTemplate path, FileSettings settings, TimeProvider time, SinkErrorReporter errors)
    {
        _path = path;
        _settings = settings;
        _time = time;
        _errors = errors;
        _rotationTimer = time.CreateTimer(_ => OnRotationTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _flushTimer = time.CreateTimer(_ => OnFlushTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (settings.Shared)
        {
            // The locks are opened when first needed: a folder that cannot be created yet is retried like the file.
            _sharedLockPath = SharedFileLock.PathOf(path.FullPath);
            _batch = new RecordBatch();
        }

        _archiver = new ArchiveWorker(path, () => Volatile.Read(ref _settings), IsActivePath, time, errors, settings.Shared ? SharedFileLock.PathOf(path.FullPath, "archive-lock") : null);
        if (!settings.Delay)
        {
            lock (_lock)
            {
                try
                {
                    if (!IsShared)
                    {
                        EnsureOpen(time.GetUtcNow());
                    }
                    else
                    {
                        using (SharedLock.Hold())
                        {
                            SyncShared(time.GetUtcNow());
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Report($"LoguStyle: could not open {path.Configured}: {ex.Message}; retrying when records arrive.");
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

    /// <summary>Takes new settings (a reload); the next write and the next boundary follow them.</summary>
    public void Update(FileSettings settings)
    {
        lock (_lock)
        {
            // Shared cannot change while the file is open: the lock and batching are chosen when it is created.
            if (settings.Shared != IsShared)
            {
                _errors.Report($"LoguStyle: Shared of {_path.Configured} cannot change while the application runs (it stays {IsShared.ToString().ToLowerInvariant()}); restart to apply it.");
            }

            var rotationChanged = !ReferenceEquals(settings.Rotation, _settings.Rotation);
            Volatile.Write(ref _settings, settings with { Shared = IsShared });
            if (IsOpen)
            {
                ScheduleBoundary(_time.GetUtcNow());
                if (rotationChanged && !IsShared)
                {
                    // Now kept where it was not (size rotation became daily, say), or kept again: cheap either way. (A
                    // shared file's start time is written under the processes' lock only.)
                    KeepStartTime();
                }
            }
        }
    }

    /// <summary>
    /// Writes one whole record logged at <paramref name="now"/> (its own time: rotation follows the time records were
    /// logged, and the clock is not read twice), rotating first when a condition says so, and counts it.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record, SinkStats stats, DateTimeOffset now)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (IsShared)
            {
                AppendShared(record, stats, now);
                return;
            }

            EnsureOpen(now);

            // Watch looks at the path just before buffered records go to the operating system (here, when this record
            // fills the buffer; in FlushStream and Rotate otherwise): one statx per 64 KiB or per flush, not per record,
            // and still no byte written after the path changed goes to the file that was there before.
            if (_settings.Watch && _stream!.WritesBefore(record.Length))
            {
                FollowPath(now);
            }

            if (ShouldRotate(now, record.Length))
            {
                Rotate(now, reopen: true);
            }

            // Whole records only: after a failed write (disk full) the file keeps the buffered records for the next
            // try, which writes them at the same offset, and this record is refused (and counted), not half copied.
            _stream!.Append(record);
            _size += record.Length;
            stats.AddWrittenLocked(record.Length);
            if (_settings.AutoFlush)
            {
                TryFlushStream(now);
            }

            if (_stream.PendingRecords > 0 && !_dirty)
            {
                _dirty = true;
                _flushTimer.Change(_settings.FlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Flushes buffered records to the operating system.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (IsShared)
            {
                DrainShared();
            }
            else if (_stream is not null && !_closed)
            {
                FlushStream(_time.GetUtcNow());
            }
        }
    }

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

            if (IsShared)
            {
                RotateSharedForShutdown();
            }
            else if (_stream is not null && _size > 0)
            {
                Rotate(_time.GetUtcNow(), reopen: false);
            }
        }

        return _archiver.IdleAsync().WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        try
        {
            CloseForDispose();
        }
        finally
        {
            // Whatever closing the file did, the archive worker and the shared lock are released.
            await _archiver.DisposeAsync().ConfigureAwait(false);
            _sharedLock?.Dispose();
        }
    }

    private void CloseForDispose()
    {
        lock (_lock)
        {
            _rotationTimer.Dispose();
            _flushTimer.Dispose();
            try
            {
                if (IsShared)
                {
                    CloseShared();
                }
                else
                {
                    if (_stream is not null && _settings.Watch)
                    {
                        // The last buffered records go where the others went: to the file now at the path.
                        FollowPath(_time.GetUtcNow());
                    }

                    if (_stream is not null && _settings.RotateOnShutdown && _size > 0)
                    {
                        Rotate(_time.GetUtcNow(), reopen: false);
                    }

                    // Also when the rotation could not rename the file, which then stays open.
                    CloseStream();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _errors.Report($"LoguStyle: closing {_activePath} failed: {ex.Message}; {_errors.FailedRecords} record(s) not written in all.");
            }
        }
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (IsOpen)
        {
            return;
        }

        // The clock, not the record's time: a queue's backlog holds old records, and must not wait out the backoff.
        var clock = _time.GetUtcNow();
        if (clock < _retryOpenAt)
        {
            throw CouldNotOpen(null);
        }

        var path = _path.Resolve(Local(now));
        try
        {
            Open(now, path, fresh: false);
        }
        catch (Exception ex)
        {
            _retryOpenAt = clock + OpenRetryDelay;

            // .NET says "Access to the path is denied" for a directory.
            _openError = Directory.Exists(path) ? $"{path} is a directory, not a file; give the sink the path of a file, e.g. {Path.Combine(path, "app.log")}" : ex.Message;
            throw CouldNotOpen(ex);
        }

        if (_size > 0 && now >= _nextBoundary)
        {
            // The file was started before the last boundary (the app was down when it passed): rotate now.
            Rotate(now, reopen: true);
        }
    }

    private void Open(DateTimeOffset now, string path, bool fresh)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var exists = File.Exists(path);
        var truncate = exists && !_everOpened && _settings.Mode == FileOpenMode.Truncate;
        var started = exists && !truncate ? KeptStartTime(path, now) : now;
        if (fresh && !exists)
        {
            started = now;
        }

        // Published before the file exists: the archive worker checks a file it sees against the active path, so a
        // new {time} file must never be on disk without being known as active.
        Volatile.Write(ref _activePath, path);
        if (!IsShared)
        {
            _stream = new WriteBehindFile(path, truncate ? FileMode.Create : FileMode.Append, _errors);
            _size = _stream.OpenedLength;
            _identity = _stream.Identity;
        }
        else
        {
            var shared = AppendFile.Open(path);
            if (!shared.TryRegisterWriter(exclusive: false))
            {
                // A writer without Shared holds the file: appending beside it would interleave with its records.
                shared.Dispose();
                throw new IOException(WriteBehindFile.AnotherWriterMessage(path));
            }

            _shared = shared;
            _size = _shared.Length;
            _identity = _shared.Identity;
        }

        _started = started;
        _everOpened = true;
        _retryOpenAt = DateTimeOffset.MinValue;

        // The boundary first: a start time that cannot be kept must not leave it in the past (a rotation per record).
        ScheduleBoundary(now);
        if (started == now)
        {
            KeepStartTime();
        }
    }

    private bool ShouldRotate(DateTimeOffset now, int recordBytes)
    {
        if (now >= _nextBoundary)
        {
            if (_size > 0)
            {
                return now >= _retryRotateAt;
            }

            // Nothing was written in that period: restart the period instead of rotating an empty file.
            Restart(now);
        }

        if (_size == 0 || _settings.Rotation is not { } rotation || now < _retryRotateAt)
        {
            return false;
        }

        if (rotation.MaxBytes is { } max && _size + recordBytes > max)
        {
            return true;
        }

        return rotation.HasPredicate && rotation.Predicate(new RotationContext(_activePath!, _size, recordBytes, Local(_started), Local(now)));
    }

    private void Rotate(DateTimeOffset now, bool reopen)
    {
        // Shared: tell the other processes first. Were this process killed between the rename below and opening the
        // next file, they must already know the file they hold is closed (an extra reopen costs nothing).
        if (_stream is not null && _settings.Watch && FollowPath(now))
        {
            // The path holds another file than the one this rotation would close (never rename someone else's file):
            // that one is the active file now, judged afresh by the next record.
            return;
        }

        AnnounceNewFile();
        var closed = _activePath!;
        var next = _path.Resolve(Local(now));
        var compression = _settings.Compression;
        if (string.Equals(next, closed, StringComparison.Ordinal))
        {
            var target = RotatedFileNames.ClosedName(closed, Local(_started), candidate =>
                File.Exists(candidate) ||
                File.Exists(candidate + (compression?.Extension ?? ".gz")) ||
                File.Exists(candidate + ".gz") || File.Exists(candidate + ".zip") || File.Exists(candidate + ".br"));

            // Renamed while still open (with every record flushed into it), so that when the rename fails the file
            // simply stays the active one: no close and reopen, and the next try waits (see _retryRotateAt).
            if (_stream is not null)
            {
                FlushStream(now, watch: false);
            }

            try
            {
                if (UnixNative.IsSupported)
                {
                    UnixNative.Rename(closed, target);
                }
                else
                {
                    File.Move(closed, target);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The file cannot be renamed (a folder this process may write files in but not rename them, another
                // process holding it on Windows): keep writing to it, and try again later.
                _retryRotateAt = now + _rotateRetryDelay;
                _errors.Warn("rotate", string.Create(CultureInfo.InvariantCulture, $"could not rotate {closed}: {ex.Message}; writing on in the same file, trying again in {_rotateRetryDelay.TotalSeconds:0} s."));
                _rotateRetryDelay = _rotateRetryDelay * 2 > MaxRotateRetryDelay ? MaxRotateRetryDelay : _rotateRetryDelay * 2;
                ScheduleRetry(now);
                return;
            }

            (_retryRotateAt, _rotateRetryDelay) = (DateTimeOffset.MinValue, OpenRetryDelay);
            CloseStream();

            // The start time belongs to the closed file now; the next file at this path writes its own.
            StartTimeStore.Delete(closed);
            closed = target;
        }
        else
        {
            CloseStream();
            StartTimeStore.Delete(closed);
        }

        _archiver.Archive(closed);
        if (reopen)
        {
            Open(now, next, fresh: true);
        }
        else
        {
            StartTimeStore.Delete(next);
        }
    }

    private void Restart(DateTimeOffset now)
    {
        _started = now;
        ScheduleBoundary(now);
        KeepStartTime();
    }

    private void ScheduleRetry(DateTimeOffset now)
    {
        // An idle file whose rotation failed is tried again by the timer too.
        var due = _retryRotateAt - now;
        _rotationTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void ScheduleBoundary(DateTimeOffset now)
    {
        _nextBoundary = _settings.Rotation?.NextBoundary(_started, _time.LocalTimeZone) ?? DateTimeOffset.MaxValue;
        if (_nextBoundary == DateTimeOffset.MaxValue)
        {
            _rotationTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // A timer takes at most ~49 days; a later boundary ("yearly", "60 days") is re-armed when it fires early.
        var due = _nextBoundary - now;
        _rotationTimer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due, Timeout.InfiniteTimeSpan);
    }

    private void CloseStream()
    {
        if (_shared is not null)
        {
            _shared.Dispose();
            _shared = null;
            return;
        }

        if (_stream is null)
        {
            return;
        }

        try
        {
            FlushStream(_time.GetUtcNow(), watch: false);
        }
        catch (Exception ex)
        {
            // The buffer goes with the stream: its records are lost, and counted (whatever the failure was).
            _errors.RecordFailed(ex, _stream.PendingRecords);
            throw;
        }
        finally
        {
            _stream.Dispose();
            _stream = null;
            _dirty = false;
        }
    }

    /// <summary>
    /// Writes the buffered records to the operating system (to the file now at the path, with Watch), then takes the
    /// file's size from the file: someone may have emptied it (logrotate's <c>copytruncate</c>), and the size that
    /// rotation judges is then right again from here on.
    /// </summary>
    private void FlushStream(DateTimeOffset now, bool watch = true)
    {
        if (watch && _settings.Watch)
        {
            FollowPath(now);
        }

        _stream!.Flush();
        _dirty = false;
        _size = _stream.Length;
    }

    private void TryFlushStream(DateTimeOffset now)
    {
        try
        {
            FlushStream(now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The record stays buffered for the next flush (the next record tries first): reported, not yet lost.
            _errors.RecordFailed(ex, records: 0);
        }
    }

    private void OnRotationTimer()
    {
        try
        {
            lock (_lock)
            {
                if (_closed || !IsOpen)
                {
                    return;
                }

                if (IsShared)
                {
                    RotateSharedAtBoundary();
                    return;
                }

                RotateAtBoundary(_time.GetUtcNow());
            }
        }
#pragma warning disable CA1031 // A timer thread has no caller: whatever fails (I/O, a rotation predicate) is reported, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _errors.RecordFailed(ex);
        }
    }

    private void RotateAtBoundary(DateTimeOffset now)
    {
        if (now < _nextBoundary)
        {
            ScheduleBoundary(now);
        }
        else if (_size > 0 && now < _retryRotateAt)
        {
            ScheduleRetry(now);
        }
        else if (_size > 0)
        {
            // An idle file is rotated at its boundary, so retention and compression still run.
            Rotate(now, reopen: true);
        }
        else
        {
            Restart(now);
        }
    }

    private void OnFlushTimer()
    {
        try
        {
            Flush();
        }
#pragma warning disable CA1031 // A timer thread has no caller: whatever fails is reported, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _errors.RecordFailed(ex, records: 0);

            // Still dirty: try again later rather than leaving records in the buffer until the next rotation.
            lock (_lock)
            {
                if (!_closed)
                {
                    _flushTimer.Change(_settings.FlushInterval, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>True when <paramref name="path"/> is the file being written, or the file this sink would open now.</summary>
    internal bool IsActivePath(string path, DateTimeOffset now) =>
        string.Equals(path, Volatile.Read(ref _activePath), StringComparison.Ordinal) ||
        string.Equals(path, _path.Resolve(Local(now)), StringComparison.Ordinal);

    private bool IsOpen => _stream is not null || _shared is not null;

    private bool IsShared => _batch is not null;

    /// <summary>The open failure as reported: the reason, and when the next try is, in local time with its offset.</summary>
    private IOException CouldNotOpen(Exception? cause) => new(
        string.Create(CultureInfo.InvariantCulture, $"{_path.Configured} could not be opened ({_openError}); retrying at {Local(_retryOpenAt):HH:mm:ss zzz}."),
        cause);

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _time.LocalTimeZone);
}
