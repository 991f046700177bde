namespace LoguStyle.Pipeline;

/// <summary>
/// The system clock in local time, cheaper than <see cref="DateTimeOffset.Now"/>: the UTC time is read each call, and
/// the local offset is looked up once per quarter hour (offsets change at most at quarter-hour boundaries).
/// </summary>
internal sealed class LocalClock
{
    private static readonly long Window = TimeSpan.FromMinutes(15).Ticks;

    private OffsetWindow? _window;

    // Hot path: one clock read and one comparison.
    public DateTimeOffset Now()
    {
        var utc = DateTime.UtcNow;
        var window = Volatile.Read(ref _window);
        if (window is null || utc.Ticks < window.Start || utc.Ticks >= window.End)
        {
            var start = utc.Ticks - (utc.Ticks % Window);
            window = new OffsetWindow(start, start + Window, TimeZoneInfo.Local.GetUtcOffset(utc));
            Volatile.Write(ref _window, window);
        }

        return new DateTimeOffset(utc.Ticks + window.Offset.Ticks, window.Offset);
    }

    private sealed record OffsetWindow(long Start, long End, TimeSpan Offset);
}
