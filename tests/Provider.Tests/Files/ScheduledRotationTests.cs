using LoguStyle.Files;
using LoguStyle.Tests.Support;
using static LoguStyle.Tests.Support.TestZones;

namespace LoguStyle.Tests.Files;

public class ScheduledRotationTests
{
    public static TheoryData<string, DateTimeOffset, DateTimeOffset> Boundaries => new()
    {
        { "00:00", Local(2026, 11, 24, 9, 10), Local(2026, 11, 25, 0) },
        { "13:30", Local(2026, 11, 24, 9, 10), Local(2026, 11, 24, 13, 30) },
        { "00:00", Local(2026, 11, 24, 0), Local(2026, 11, 25, 0) },
        { "hourly", Local(2026, 11, 24, 9, 10), Local(2026, 11, 24, 10) },
        { "hourly", Local(2026, 11, 24, 23, 59), Local(2026, 11, 25, 0) },
        { "monday at 12:00", Local(2026, 11, 24, 9, 10), Local(2026, 11, 30, 12) },
        { "monday at 12:00", Local(2026, 11, 30, 11), Local(2026, 11, 30, 12) },
        { "monday at 12:00", Local(2026, 11, 30, 13), Local(2026, 12, 7, 12) },
        { "weekly", Local(2026, 11, 24, 9, 10), Local(2026, 11, 30, 0) },
        { "monthly", Local(2026, 11, 24, 9, 10), Local(2026, 12, 1, 0) },
        { "monthly", Local(2026, 12, 31, 23), Local(2027, 1, 1, 0) },
        { "yearly", Local(2026, 11, 24, 9, 10), Local(2027, 1, 1, 0) },
        { "1 h", Local(2026, 11, 24, 9, 10), Local(2026, 11, 24, 10, 10) },
        { "00:00 UTC", Local(2026, 11, 24, 9, 10), new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero) },

        // Spring forward (2026-03-29, 02:00 -> 03:00): midnight the day before is still +01:00; the day after is +02:00.
        { "00:00", Local(2026, 3, 28, 10), Local(2026, 3, 29, 0) },
        { "00:00", Local(2026, 3, 29, 10), Local(2026, 3, 30, 0) },

        // 02:30 does not exist on 2026-03-29: the boundary is the instant the clock jumps over it (03:30 summer time).
        { "02:30", Local(2026, 3, 28, 12), new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)) },

        // Fall back (2026-10-25, 03:00 -> 02:00): 02:30 happens twice; the boundary is the first (summer time).
        { "02:30", Local(2026, 10, 24, 12), new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)) },
        { "hourly", new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)) },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void NextBoundary_FromStart_IsTheNextScheduledInstant(string rotation, DateTimeOffset started, DateTimeOffset expected)
    {
        var next = Rotation.Parse(rotation).NextBoundary(started, CentralEurope);

        Assert.Equal(expected, next);
        Assert.Equal(expected.UtcDateTime, next!.Value.UtcDateTime);
    }

    [Fact]
    public void NextBoundary_Any_IsTheEarliest()
    {
        var rotation = Rotation.Any("100 MB", "00:00", "1 h");

        Assert.Equal(Local(2026, 11, 24, 10, 10), rotation.NextBoundary(Local(2026, 11, 24, 9, 10), CentralEurope));
        Assert.Equal(100_000_000, rotation.MaxBytes);
    }

    [Fact]
    public void NextBoundary_SizeOnly_IsNone()
    {
        Assert.Null(Rotation.Parse("1 MB").NextBoundary(Local(2026, 11, 24, 9), CentralEurope));
    }
}
