using System.Globalization;

namespace LoguStyle.Files;

/// <summary>
/// The start time of the active file, which clock, interval and predicate rotations read: kept where a restart finds it
/// (<see cref="StartTimeStore"/>), distrusted when it lies in the future, and never worth a lost record.
/// </summary>
internal sealed partial class RotatingFile
{
    /// <summary>
    /// When the file at <paramref name="path"/> was started: as kept (<see cref="StartTimeStore"/>), else its last write.
    /// A time later than <paramref name="now"/> came from a clock that was wrong: believed, it would put the next
    /// boundary years ahead (no rotation until then) or past the last representable date; the file counts as started now.
    /// </summary>
    internal DateTimeOffset KeptStartTime(string path, DateTimeOffset now)
    {
        var kept = StartTimeStore.Read(path);
        var started = kept ?? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        if (started <= now)
        {
            return started;
        }

        if (kept is null)
        {
            // A last write time ahead of the clock (a test's fake clock, a file copied in): nothing worth a report.
            return now;
        }

        _counts.Errors.Warn("start-time-future", string.Create(CultureInfo.InvariantCulture, $"the start time kept for {path} ({started:O}) is later than now ({now:O}), from a clock that was wrong; the file counts as started now."));
        return now;
    }

    /// <summary>
    /// Records the active file's start time where a restart finds it, for rotations that read it (a clock, an interval,
    /// a predicate). A failure loses no record: rotation goes on from the time held here, and it is reported.
    /// </summary>
    internal void KeepStartTime()
    {
        if (!_period.HasBoundary && _settings.Rotation is not { HasPredicate: true })
        {
            return;
        }

        try
        {
            StartTimeStore.Write(_activePath!, Local(_period.Started));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _counts.Errors.Warn("start-time", $"could not keep the start time of {_activePath} ({ex.Message}); time rotation goes on from the time held in memory (a restart takes the file's last write time instead).");
        }
    }
}
