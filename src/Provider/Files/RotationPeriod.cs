namespace LoguStyle.Files;

/// <summary>
/// The active file's period as rotation judges it: its size, when it was started and the next clock boundary after
/// that. A value without I/O: the orchestrator (<see cref="RotatingFile"/>) keeps one, replaces it as records are
/// written and files are started, and asks it what to do before each record and when its timer is next due.
/// </summary>
/// <param name="Started">When the file was started (an instant; boundaries are computed in the local zone).</param>
/// <param name="NextBoundary">The next clock boundary, or <see cref="DateTimeOffset.MaxValue"/> when none.</param>
/// <param name="Size">The file's size in bytes, as written and as last read from the file.</param>
internal readonly record struct RotationPeriod(DateTimeOffset Started, DateTimeOffset NextBoundary, long Size)
{
    // A timer takes at most ~49 days; a later boundary ("yearly", "60 days") is re-armed when it fires early.
    internal static readonly TimeSpan MaxTimerDue = TimeSpan.FromDays(30);

    /// <summary>No file yet: nothing written, no boundary.</summary>
    public static RotationPeriod None { get; } = new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 0);

    /// <summary>A file started at <paramref name="started"/> holding <paramref name="size"/> bytes.</summary>
    public static RotationPeriod Begin(DateTimeOffset started, long size, Rotation? rotation, TimeZoneInfo zone) =>
        new(started, Boundary(started, rotation, zone), size);

    /// <summary>True when a clock boundary is set (a time rotation).</summary>
    public bool HasBoundary => NextBoundary != DateTimeOffset.MaxValue;

    /// <summary>True when the boundary has passed at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => now >= NextBoundary;

    /// <summary>The same file with <paramref name="bytes"/> more written.</summary>
    public RotationPeriod Grown(long bytes) => this with { Size = Size + bytes };

    /// <summary>The boundary again, for <paramref name="rotation"/> (a reload may have changed it) from the same start.</summary>
    public RotationPeriod Rescheduled(Rotation? rotation, TimeZoneInfo zone) => Begin(Started, Size, rotation, zone);

    /// <summary>An empty file's period begun again at <paramref name="now"/>, instead of rotating an empty file.</summary>
    public RotationPeriod Restart(DateTimeOffset now, Rotation? rotation, TimeZoneInfo zone) => Begin(now, Size, rotation, zone);

    /// <summary>How long until the boundary, for a timer: never negative, at most <see cref="MaxTimerDue"/>, infinite without one.</summary>
    public TimeSpan NextDue(DateTimeOffset now)
    {
        if (!HasBoundary)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var due = NextBoundary - now;
        return due < TimeSpan.Zero ? TimeSpan.Zero : due > MaxTimerDue ? MaxTimerDue : due;
    }

    /// <summary>
    /// What to do before writing a record of <paramref name="recordBytes"/> at <paramref name="now"/>: rotate when the
    /// boundary has passed or a condition says so (not before <paramref name="retryAt"/>, after a rename failed);
    /// restart the period when the boundary passed over an empty file; else write. Runs a rotation predicate (user
    /// code, which may throw) with local times in <paramref name="zone"/>.
    /// </summary>
    public PeriodVerdict Judge(DateTimeOffset now, int recordBytes, Rotation? rotation, DateTimeOffset retryAt, string path, TimeZoneInfo zone)
    {
        if (IsDue(now))
        {
            return Size > 0 ? (now >= retryAt ? PeriodVerdict.Rotate : PeriodVerdict.Write) : PeriodVerdict.Restart;
        }

        if (Size == 0 || rotation is null || now < retryAt)
        {
            return PeriodVerdict.Write;
        }

        if (rotation.MaxBytes is { } max && Size + recordBytes > max)
        {
            return PeriodVerdict.Rotate;
        }

        return rotation.HasPredicate && rotation.Predicate(new RotationContext(path, Size, recordBytes, TimeZoneInfo.ConvertTime(Started, zone), TimeZoneInfo.ConvertTime(now, zone)))
            ? PeriodVerdict.Rotate
            : PeriodVerdict.Write;
    }

    private static DateTimeOffset Boundary(DateTimeOffset started, Rotation? rotation, TimeZoneInfo zone) =>
        rotation?.NextBoundary(started, zone) ?? DateTimeOffset.MaxValue;
}
