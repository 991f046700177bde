namespace LoguStyle.Tests.Support;

/// <summary>Time zones built in code, so DST tests do not depend on the machine's tz database.</summary>
internal static class TestZones
{
    /// <summary>UTC+1, with summer time UTC+2 from the last Sunday of March 02:00 to the last Sunday of October 03:00 (as Central Europe).</summary>
    public static TimeZoneInfo CentralEurope { get; } = TimeZoneInfo.CreateCustomTimeZone(
        "Test/CentralEurope",
        TimeSpan.FromHours(1),
        "Test Central Europe",
        "Test Standard",
        "Test Summer",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    /// <summary>A local wall-clock time in <see cref="CentralEurope"/> as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), CentralEurope.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));
}
