using LoguStyle.Files;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Files;

public class RotatedFileNamesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 10, 0, TimeSpan.FromHours(1));

    [Fact]
    public void ClosedName_IsStemStampWithOffsetExtension()
    {
        var name = RotatedFileNames.ClosedName("/var/log/app.log", Start.AddTicks(1_234_560), _ => false);

        Assert.Equal("/var/log/app.2026-11-24_09-10-00_123456+0100.log", name);
    }

    [Theory]
    [InlineData(-9.5, "-0930")]
    [InlineData(0, "+0000")]
    [InlineData(5.75, "+0545")]
    [InlineData(14, "+1400")]
    public void ClosedName_Offset_IsSignHoursMinutes(double hours, string offset)
    {
        var start = new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.FromHours(hours));

        Assert.Equal("/l/app.2026-11-24_09-10-00_000000" + offset + ".log", RotatedFileNames.ClosedName("/l/app.log", start, _ => false));
    }

    [Fact]
    public void ClosedName_Clash_AddsANumberBeforeTheExtension()
    {
        var taken = new HashSet<string> { "/l/app.2026-11-24_09-10-00_000000+0100.log", "/l/app.2026-11-24_09-10-00_000000+0100.2.log" };

        Assert.Equal("/l/app.2026-11-24_09-10-00_000000+0100.3.log", RotatedFileNames.ClosedName("/l/app.log", Start, taken.Contains));
    }

    [Fact]
    public void ClosedName_NoExtension_AppendsTheStamp()
    {
        Assert.Equal("/l/app.2026-11-24_09-10-00_000000+0100", RotatedFileNames.ClosedName("/l/app", Start, _ => false));
    }

    [Fact]
    public void ReadStamp_WithOffset_IsThatInstantInAnyZone()
    {
        var match = PathTemplate.Parse("/l/app.log").CreatePattern(null).Match("app.2026-11-24_09-10-00_123456-0530.3.log.gz");

        var stamp = RotatedFileNames.ReadStamp(match, TestZones.CentralEurope);

        Assert.Equal((new DateTimeOffset(2026, 11, 24, 14, 40, 0, TimeSpan.Zero).AddTicks(1_234_560), 3), stamp);
    }

    [Fact]
    public void ReadStamp_OlderNameWithoutOffset_IsLocalTimeInTheZoneGiven()
    {
        var match = PathTemplate.Parse("/l/app.log").CreatePattern(null).Match("app.2026-11-24_09-10-00_123456.log");

        var stamp = RotatedFileNames.ReadStamp(match, TestZones.CentralEurope);

        Assert.Equal((new DateTimeOffset(2026, 11, 24, 8, 10, 0, TimeSpan.Zero).AddTicks(1_234_560), 1), stamp);
    }

    [Fact]
    public void ReadStamp_OfEveryClosedName_GivesBackItsStart()
    {
        foreach (var start in new[] { Start, Start.ToOffset(TimeSpan.FromHours(-3.5)), Start.ToOffset(TimeSpan.Zero) })
        {
            var name = Path.GetFileName(RotatedFileNames.ClosedName("/l/app.log", start.AddTicks(70), _ => false));
            var match = PathTemplate.Parse("/l/app.log").CreatePattern(null).Match(name);

            Assert.Equal((start.AddTicks(70), 1), RotatedFileNames.ReadStamp(match, TimeZoneInfo.Utc));
        }
    }
}
