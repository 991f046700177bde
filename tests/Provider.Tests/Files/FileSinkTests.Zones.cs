using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Closed files are ordered and aged by the instant they were started, whatever the zone was when they were named or
/// is now (issue 14, item 1): retention keeps the newest, <see cref="LogFile.Files"/> reads them in the order written.
/// </summary>
public partial class FileSinkTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.CreateCustomTimeZone("Test/Tokyo", TimeSpan.FromHours(9), "Test Tokyo", "Test Tokyo");

    [Theory]
    // 02:05 summer time; the clock falls back from 03:00 summer time to 02:00 winter time at 01:00 UTC, so the files
    // started after it repeat the wall-clock times of those started before it.
    [InlineData(10, 25, 5)]
    // 01:25 winter time; the clock jumps from 02:00 to 03:00 at 01:00 UTC.
    [InlineData(3, 29, 25)]
    public void Zones_AcrossADaylightSavingChange_RetentionKeepsTheNewestAndFilesReadInOrder(int month, int day, int minute)
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, month, day, 0, minute, 0, TimeSpan.Zero));
        _time.SetLocalTimeZone(TestZones.CentralEurope);
        LogOneRecordPerFile(0, 10, TimeSpan.FromMinutes(10));

        AssertNewestKept(["r6", "r7", "r8"], "r9");
    }

    [Fact]
    public void Zones_ARestartInAZoneBehindTheFirst_RetentionKeepsTheNewestAndFilesReadInOrder()
    {
        _time.SetLocalTimeZone(Tokyo);
        LogOneRecordPerFile(0, 5, TimeSpan.FromMinutes(1));
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        LogOneRecordPerFile(5, 5, TimeSpan.FromMinutes(1));

        AssertNewestKept(["r6", "r7", "r8"], "r9");
    }

    [Fact]
    public void Zones_ARestartInAZoneAheadOfTheFirst_RetentionKeepsTheNewestAndFilesReadInOrder()
    {
        _time.SetLocalTimeZone(TimeZoneInfo.Utc);
        LogOneRecordPerFile(0, 5, TimeSpan.FromMinutes(1));
        _time.SetLocalTimeZone(Tokyo);
        LogOneRecordPerFile(5, 5, TimeSpan.FromMinutes(1));

        AssertNewestKept(["r6", "r7", "r8"], "r9");
    }

    /// <summary>One provider run: records r{first}.. one per file (every record rotates), a step apart.</summary>
    private void LogOneRecordPerFile(int first, int count, TimeSpan step)
    {
        using var provider = Provider(Sink(s =>
        {
            s.Rotation = "2 B";
            s.Compression = "gz";
            s.Retention = 3;
        }));
        var logger = provider.CreateLogger("c");
        for (var i = first; i < first + count; i++)
        {
            logger.LogInformation("r{Index}", i);
            _time.Advance(step);
        }
    }

    private void AssertNewestKept(string[] closed, string active)
    {
        var files = LogFile.Files(LogPath);
        Assert.Equal([.. closed, active], files.Select(f => LogFolder.Read(f).TrimEnd('\n')));
        Assert.Equal(LogPath, files[^1]);
    }
}
