using System.Globalization;

namespace LoguStyle.Files;

/// <summary>
/// Rotates on a wall-clock schedule (hourly, daily at a time, weekly on a day, monthly, yearly), in the provider's
/// local time zone or in UTC. Across a daylight-saving change, a time that does not exist (inside the spring-forward
/// gap) rotates at the same instant the clock jumps over it, and a time that occurs twice rotates the first time.
/// </summary>
internal sealed class ScheduledRotation(RotationSchedule schedule, DayOfWeek day, TimeOnly at, bool utc) : Rotation
{
    internal override DateTimeOffset? NextBoundary(DateTimeOffset started, TimeZoneInfo localZone)
    {
        var zone = utc ? TimeZoneInfo.Utc : localZone;
        var local = TimeZoneInfo.ConvertTime(started, zone).DateTime;
        var date = local.Date;
        var candidate = schedule switch
        {
            RotationSchedule.Hourly => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified).AddHours(1),
            RotationSchedule.Daily => Next(date + at.ToTimeSpan(), local, TimeSpan.FromDays(1)),
            RotationSchedule.Weekly => Next(date.AddDays(((int)day - (int)local.DayOfWeek + 7) % 7) + at.ToTimeSpan(), local, TimeSpan.FromDays(7)),
            RotationSchedule.Monthly => new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1),
            _ => new DateTime(local.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        };
        return ToInstant(DateTime.SpecifyKind(candidate, DateTimeKind.Unspecified), zone);
    }

    public override string ToString() => schedule switch
    {
        RotationSchedule.Hourly => "hourly",
        RotationSchedule.Daily => at.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        RotationSchedule.Weekly => $"{day.ToString().ToLowerInvariant()} at {at.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}",
        RotationSchedule.Monthly => "monthly",
        _ => "yearly",
    } + (utc ? " UTC" : string.Empty);

    private static DateTime Next(DateTime candidate, DateTime after, TimeSpan period) => candidate > after ? candidate : candidate + period;

    /// <summary>The instant a wall-clock time names in <paramref name="zone"/>, resolving DST gaps and overlaps.</summary>
    internal static DateTimeOffset ToInstant(DateTime wall, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(wall))
        {
            // In the spring-forward gap: use the offset in force before the gap, which names the instant the clock
            // jumps (02:30 in a 02:00 -> 03:00 gap is 03:30 after it, the same elapsed time since midnight).
            var before = zone.GetUtcOffset(wall.AddHours(-6));
            return new DateTimeOffset(wall - before, TimeSpan.Zero).ToOffset(zone.GetUtcOffset(new DateTimeOffset(wall - before, TimeSpan.Zero)));
        }

        if (zone.IsAmbiguousTime(wall))
        {
            // Falls back: the first occurrence has the larger offset.
            return new DateTimeOffset(wall, zone.GetAmbiguousTimeOffsets(wall).Max());
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
