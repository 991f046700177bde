using System.Globalization;

namespace LoguStyle.Files;

/// <summary>
/// The steps both kinds of <see cref="ActiveFile"/> share, always under the lock: opening (append or truncate, start
/// time kept across restarts, a failed open retried after a delay), judging a record (<see cref="RotationPeriod"/>),
/// rotating (through the <see cref="FileRotator"/>; a rename that fails is retried after a delay that doubles), and
/// keeping the rotation timer on the next boundary.
/// </summary>
internal sealed partial class RotatingFile
{
    private static readonly TimeSpan OpenRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRotateRetryDelay = TimeSpan.FromMinutes(1);

    private string? _activePath;
    private RotationPeriod _period = RotationPeriod.None;
    private DateTimeOffset _retryOpenAt = DateTimeOffset.MinValue;

    // A rotation whose rename failed is tried again at _retryRotateAt, after a delay that doubles up to a minute: the
    // file stays open and records go on into it meanwhile (not a close and reopen per record, reported once a minute).
    private DateTimeOffset _retryRotateAt = DateTimeOffset.MinValue;
    private TimeSpan _rotateRetryDelay = OpenRetryDelay;
    private string? _openError;
    private bool _everOpened;

    // Raised when a rotation starts and again when it ends (odd while the active file is being closed), for the archive
    // worker, which reads the active file's size without the lock (see ArchiveWorker.ActiveLength).
    private int _closings;

    /// <summary>The active file's period: its size, start and next boundary.</summary>
    internal RotationPeriod Period => _period;

    /// <summary>The active path, read by the active file under the lock.</summary>
    internal string? ActivePathLocked => _activePath;

    /// <summary>The path the sink's template gives at <paramref name="now"/>.</summary>
    internal string PathAt(DateTimeOffset now) => _path.Resolve(Local(now));

    internal void Grow(long bytes) => _period = _period.Grown(bytes);

    internal void SetSize(long size) => _period = _period with { Size = size };

    /// <summary>Opens the file at the path of <paramref name="now"/> unless one is open; a failed open waits 2 s before the next try.</summary>
    internal void EnsureOpen(DateTimeOffset now)
    {
        if (_file.IsOpen)
        {
            return;
        }

        // The clock, not the record's time: a queue's backlog holds old records, and must not wait out the backoff.
        var clock = _time.GetUtcNow();
        if (clock < _retryOpenAt)
        {
            throw CouldNotOpen(null);
        }

        var path = PathAt(now);
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

        if (_period.Size > 0 && _period.IsDue(now))
        {
            // The file was started before the last boundary (the app was down when it passed): rotate now.
            Rotate(now, reopen: true);
        }
    }

    internal void Open(DateTimeOffset now, string path, bool fresh)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var exists = File.Exists(path);
        var truncate = exists && !_everOpened && _settings.Mode == FileOpenMode.Truncate;
        var started = exists && !truncate ? KeptStartTime(path, now) : now;
        if (fresh && !exists)
        {
            started = now;
        }

        // A new period never starts before the one it follows: 'now' is the time of the record that rotated, and an
        // enqueued record can reach the writer after later records of other threads, so its time can be earlier than
        // the closed file's start. Taken as it was, the next archive's name sorted before the one written before it,
        // and retention, which keeps the newest by that order, could keep the wrong file (an outside run: 1 of 58).
        if (fresh && _everOpened && started <= _period.Started)
        {
            started = _period.Started.AddTicks(TimeSpan.TicksPerMicrosecond);
        }

        // Published before the file exists: the archive worker checks a file it sees against the active path, so a
        // new {time} file must never be on disk without being known as active.
        Volatile.Write(ref _activePath, path);
        var size = _file.OpenAt(path, truncate);
        _period = _period with { Started = started, Size = size };
        _everOpened = true;
        _retryOpenAt = DateTimeOffset.MinValue;

        // The boundary first: a start time that cannot be kept must not leave it in the past (a rotation per record).
        ScheduleBoundary(now);
        if (started == now)
        {
            KeepStartTime();
        }
    }

    /// <summary>True when the active file must be rotated before a record of <paramref name="recordBytes"/> logged at <paramref name="now"/>.</summary>
    internal bool ShouldRotate(DateTimeOffset now, int recordBytes)
    {
        switch (_period.Judge(now, recordBytes, _settings.Rotation, _retryRotateAt, _activePath!, _time.LocalTimeZone))
        {
            case PeriodVerdict.Rotate:
                return true;
            case PeriodVerdict.Restart:
                // Nothing was written in that period: restart the period instead of rotating an empty file.
                Restart(now);
                return false;
            default:
                return false;
        }
    }

    internal void Rotate(DateTimeOffset now, bool reopen)
    {
        if (_file.ReplacedAtPath(now))
        {
            return;
        }

        // Odd until the next file is open: size retention does not count the file being closed as the active one.
        Interlocked.Increment(ref _closings);
        try
        {
            RotateCounted(now, reopen);
        }
        finally
        {
            Interlocked.Increment(ref _closings);
        }
    }

    private void RotateCounted(DateTimeOffset now, bool reopen)
    {
        // Shared: tell the other processes first. Were this process killed between the rename below and opening the
        // next file, they must already know the file they hold is closed (an extra reopen costs nothing).
        _file.AnnounceNewFile();
        var active = _activePath!;
        var closed = active;
        var next = PathAt(now);
        if (string.Equals(next, active, StringComparison.Ordinal))
        {
            _file.FlushBeforeRename(now);
            RotationSteps.Step(this);
            try
            {
                closed = _rotator.RenameToNextClosedName(active, Local(_period.Started), _settings.Compression);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The file cannot be renamed (a folder this process may write files in but not rename them, another
                // process holding it on Windows): keep writing to it, and try again later.
                _retryRotateAt = now + _rotateRetryDelay;
                _counts.Errors.Warn("rotate", string.Create(CultureInfo.InvariantCulture, $"could not rotate {active}: {ex.Message}; writing on in the same file, trying again in {_rotateRetryDelay.TotalSeconds:0} s."));
                _rotateRetryDelay = _rotateRetryDelay * 2 > MaxRotateRetryDelay ? MaxRotateRetryDelay : _rotateRetryDelay * 2;
                ScheduleRetry(now);
                return;
            }

            (_retryRotateAt, _rotateRetryDelay) = (DateTimeOffset.MinValue, OpenRetryDelay);
        }

        _file.Close();
        _rotator.Retire(active, closed);
        if (reopen)
        {
            Open(now, next, fresh: true);
        }
        else
        {
            FileRotator.ForgetStartTime(next);
        }
    }

    /// <summary>The rotation timer's step: rotate an idle file whose boundary passed, retry a failed rename, or re-arm.</summary>
    internal void RotateAtBoundary(DateTimeOffset now)
    {
        if (!_period.IsDue(now))
        {
            ScheduleBoundary(now);
        }
        else if (_period.Size > 0 && now < _retryRotateAt)
        {
            ScheduleRetry(now);
        }
        else if (_period.Size > 0)
        {
            // An idle file is rotated at its boundary, so retention and compression still run.
            Rotate(now, reopen: true);
        }
        else
        {
            Restart(now);
        }
    }

    /// <summary>A start time another process wrote (it restarted an empty shared file's period).</summary>
    internal void AdoptStartTime(DateTimeOffset started, DateTimeOffset now)
    {
        _period = _period with { Started = started };
        ScheduleBoundary(now);
    }

    /// <summary>Watch went on in the file now at <paramref name="path"/>: its size, its start time, its boundary.</summary>
    internal void Adopt(string path, long size, DateTimeOffset now, bool startedNow)
    {
        _activePath = path;
        _period = _period with { Size = size, Started = startedNow ? now : KeptStartTime(path, now) };
        ScheduleBoundary(now);
        if (startedNow)
        {
            KeepStartTime();
        }
    }

    /// <summary>True when <paramref name="path"/> is the file being written, or the file this sink would open now.</summary>
    internal bool IsActivePath(string path, DateTimeOffset now) =>
        string.Equals(path, Volatile.Read(ref _activePath), StringComparison.Ordinal) ||
        string.Equals(path, PathAt(now), StringComparison.Ordinal);

    /// <summary>The file being written, or the one this sink would open now (for size retention).</summary>
    internal string ActiveOrNextPath(DateTimeOffset now) => Volatile.Read(ref _activePath) ?? PathAt(now);

    private void Restart(DateTimeOffset now)
    {
        _period = _period.Restart(now, _settings.Rotation, _time.LocalTimeZone);
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
        _period = _period.Rescheduled(_settings.Rotation, _time.LocalTimeZone);
        _rotationTimer.Change(_period.NextDue(now), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The open failure as reported: the reason, and when the next try is, in local time with its offset.</summary>
    // One rule, said once: the next open is tried by the first record logged from that time on (there is no timer).
    private FileOpenException CouldNotOpen(Exception? cause) => new(
        string.Create(CultureInfo.InvariantCulture, $"{_path.Configured} could not be opened ({_openError}); the first record logged from {Local(_retryOpenAt):HH:mm:ss zzz} on tries again."),
        cause);

    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _time.LocalTimeZone);
}
