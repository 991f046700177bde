using FsCheck.Xunit;
using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

/// <summary>The period value rotation judges by, without a disk: what to do before a record, and when the timer is due.</summary>
public class RotationPeriodTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 10, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.Utc;

    public static TheoryData<string, long, int, double, double, string> Verdicts => new()
    {
        // rotation, size before, record bytes, minutes after the start, minutes until a rename may be retried, verdict
        { "100 B", 0, 500, 1, 0, nameof(PeriodVerdict.Write) },
        { "100 B", 60, 40, 1, 0, nameof(PeriodVerdict.Write) },
        { "100 B", 60, 41, 1, 0, nameof(PeriodVerdict.Rotate) },
        { "100 B", 60, 41, 1, 5, nameof(PeriodVerdict.Write) },
        { "1 h", 10, 1, 59, 0, nameof(PeriodVerdict.Write) },
        { "1 h", 10, 1, 60, 0, nameof(PeriodVerdict.Rotate) },
        { "1 h", 10, 1, 60, 70, nameof(PeriodVerdict.Write) },
        { "1 h", 0, 1, 60, 0, nameof(PeriodVerdict.Restart) },
        { "1 h", 0, 1, 60, 70, nameof(PeriodVerdict.Restart) },
        { "none", 1_000_000, 1, 60 * 24 * 400, 0, nameof(PeriodVerdict.Write) },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Judge_SaysWhatToDoBeforeARecord(string rotation, long size, int recordBytes, double minutes, double retryMinutes, string verdict)
    {
        var parsed = rotation == "none" ? null : Rotation.Parse(rotation);
        var period = RotationPeriod.Begin(Start, size, parsed, Zone);
        var now = Start.AddMinutes(minutes);

        Assert.Equal(Enum.Parse<PeriodVerdict>(verdict), period.Judge(now, recordBytes, parsed, now.AddMinutes(retryMinutes), "app.log", Zone));
    }

    [Fact]
    public void Judge_APredicate_SeesThePathSizeRecordAndLocalTimes()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("plus9", TimeSpan.FromHours(9), "plus9", "plus9");
        RotationContext seen = default;
        var rotation = Rotation.When(context =>
        {
            seen = context;
            return context.Size + context.RecordBytes > 10;
        });
        var period = RotationPeriod.Begin(Start, 8, rotation, tokyo);

        Assert.Equal(PeriodVerdict.Rotate, period.Judge(Start.AddMinutes(1), 3, rotation, DateTimeOffset.MinValue, "/logs/app.log", tokyo));
        Assert.Equal(new RotationContext("/logs/app.log", 8, 3, Start.ToOffset(TimeSpan.FromHours(9)), Start.AddMinutes(1).ToOffset(TimeSpan.FromHours(9))), seen);
        Assert.Equal(TimeSpan.FromHours(9), seen.Started.Offset);
        Assert.Equal(PeriodVerdict.Write, period.Judge(Start.AddMinutes(1), 2, rotation, DateTimeOffset.MinValue, "/logs/app.log", tokyo));
    }

    [Fact]
    public void Restart_BeginsAtNow_WithTheNextBoundaryFromThere()
    {
        var hourly = Rotation.Parse("1 h");
        var period = RotationPeriod.Begin(Start, 0, hourly, Zone);

        var restarted = period.Restart(Start.AddMinutes(90), hourly, Zone);

        Assert.Equal(Start.AddMinutes(90), restarted.Started);
        Assert.Equal(Start.AddMinutes(150), restarted.NextBoundary);
        Assert.Equal(TimeSpan.FromMinutes(60), restarted.NextDue(Start.AddMinutes(90)));
    }

    [Property(MaxTest = 500)]
    public void NextDue_IsNeverNegative_NorBeyondWhatATimerTakes_AndInfiniteWithoutABoundary(ushort intervalMinutes, int minutesAfterStart, bool hasRotation)
    {
        var rotation = hasRotation ? Rotation.Every(TimeSpan.FromMinutes(intervalMinutes + 1) * 97) : null;
        var period = RotationPeriod.Begin(Start, 10, rotation, Zone);
        var now = Start.AddMinutes(minutesAfterStart % (60 * 24 * 365 * 5));

        var due = period.NextDue(now);

        if (!hasRotation)
        {
            Assert.Equal(Timeout.InfiniteTimeSpan, due);
            return;
        }

        Assert.InRange(due, TimeSpan.Zero, RotationPeriod.MaxTimerDue);
        Assert.Equal(period.IsDue(now), due == TimeSpan.Zero && now >= period.NextBoundary);
        Assert.True(now + due <= period.NextBoundary);
    }

    [Property(MaxTest = 500)]
    public void Judge_NeverRotatesAnEmptyFile_AndGrowingOnlyEverAddsToTheSize(uint limit, ushort recordBytes, int minutesAfterStart, uint[] writes)
    {
        var rotation = Rotation.Any(Rotation.Size(limit + 1L), Rotation.Every(TimeSpan.FromHours(1)));
        var period = RotationPeriod.Begin(Start, 0, rotation, Zone);
        var now = Start.AddMinutes(Math.Abs(minutesAfterStart % 600));

        Assert.NotEqual(PeriodVerdict.Rotate, period.Judge(now, recordBytes, rotation, DateTimeOffset.MinValue, "app.log", Zone));

        var grown = writes.Aggregate(period, (p, bytes) => p.Grown(bytes));
        Assert.Equal(writes.Sum(bytes => (long)bytes), grown.Size);
        Assert.Equal(period.NextBoundary, grown.NextBoundary);
        Assert.Equal(
            grown.Size > 0 && (now >= grown.NextBoundary || grown.Size + recordBytes > limit + 1L),
            grown.Judge(now, recordBytes, rotation, DateTimeOffset.MinValue, "app.log", Zone) == PeriodVerdict.Rotate);
    }
}
