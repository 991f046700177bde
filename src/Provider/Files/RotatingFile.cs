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
    private SharedAppendFile? _shared;
    private long _generation;
    private string? _activePath;
    private long _size;
    private DateTimeOffset _started;
    private DateTimeOffset _nextBoundary = DateTimeOffset.MaxValue;
    private DateTimeOffset _retryOpenAt = DateTimeOffset.MinValue;
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

            Volatile.Write(ref _settings, settings with { Shared = IsShared });
            if (IsOpen)
            {
                ScheduleBoundary(_time.GetUtcNow());
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
            if (_settings.Watch && !File.Exists(_activePath))
            {
                // Moved or deleted under us: start a new file at the configured path (Loguru's watch).
                CloseStream();
                Open(now, _path.Resolve(Local(now)), fresh: true);
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
                TryFlushStream();
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
                FlushStream();
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
                else if (_stream is not null && _settings.RotateOnShutdown && _size > 0)
                {
                    Rotate(_time.GetUtcNow(), reopen: false);
                }
                else
                {
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
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{_path.Configured} could not be opened ({_openError}); retrying at {_retryOpenAt:HH:mm:ss}."));
        }

        try
        {
            Open(now, _path.Resolve(Local(now)), fresh: false);
        }
        catch (Exception ex)
        {
            _retryOpenAt = clock + OpenRetryDelay;
            _openError = ex.Message;
            throw;
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
        var started = exists && !truncate ? StartTimeStore.Read(path) ?? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : now;
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
        }
        else
        {
            _shared = SharedAppendFile.Open(path);
            _size = _shared.Length;
        }

        _started = started;
        _everOpened = true;
        _retryOpenAt = DateTimeOffset.MinValue;
        if (started == now)
        {
            StartTimeStore.Write(path, Local(started));
        }

        ScheduleBoundary(now);
    }

    private bool ShouldRotate(DateTimeOffset now, int recordBytes)
    {
        if (now >= _nextBoundary)
        {
            if (_size > 0)
            {
                return true;
            }

            // Nothing was written in that period: restart the period instead of rotating an empty file.
            Restart(now);
        }

        if (_size == 0 || _settings.Rotation is not { } rotation)
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
        AnnounceNewFile();
        var closed = _activePath!;
        CloseStream();
        var next = _path.Resolve(Local(now));
        var compression = _settings.Compression;
        if (string.Equals(next, closed, StringComparison.Ordinal))
        {
            var target = RotatedFileNames.ClosedName(closed, Local(_started), candidate =>
                File.Exists(candidate) ||
                File.Exists(candidate + (compression?.Extension ?? ".gz")) ||
                File.Exists(candidate + ".gz") || File.Exists(candidate + ".zip") || File.Exists(candidate + ".br"));
            try
            {
                File.Move(closed, target);

                // The start time belongs to the closed file now; the next file at this path writes its own.
                StartTimeStore.Delete(closed);
                closed = target;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The file cannot be renamed (another process holds it on Windows, say): keep writing to it.
                _errors.Report($"LoguStyle: could not rotate {closed}: {ex.Message}; writing on in the same file.");
                Open(now, closed, fresh: false);
                return;
            }
        }
        else
        {
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
        StartTimeStore.Write(_activePath!, Local(now));
        ScheduleBoundary(now);
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
            FlushStream();
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

    private void FlushStream()
    {
        _stream!.Flush();
        _dirty = false;
    }

    private void TryFlushStream()
    {
        try
        {
            FlushStream();
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

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _time.LocalTimeZone);
}
