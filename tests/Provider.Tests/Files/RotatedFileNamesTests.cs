using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class RotatedFileNamesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 10, 0, TimeSpan.FromHours(1));

    [Fact]
    public void ClosedName_IsStemStampExtension()
    {
        var name = RotatedFileNames.ClosedName("/var/log/app.log", Start.AddTicks(1_234_560), _ => false);

        Assert.Equal("/var/log/app.2026-11-24_09-10-00_123456.log", name);
    }

    [Fact]
    public void ClosedName_Clash_AddsANumberBeforeTheExtension()
    {
        var taken = new HashSet<string> { "/l/app.2026-11-24_09-10-00_000000.log", "/l/app.2026-11-24_09-10-00_000000.2.log" };

        Assert.Equal("/l/app.2026-11-24_09-10-00_000000.3.log", RotatedFileNames.ClosedName("/l/app.log", Start, taken.Contains));
    }

    [Fact]
    public void ClosedName_NoExtension_AppendsTheStamp()
    {
        Assert.Equal("/l/app.2026-11-24_09-10-00_000000", RotatedFileNames.ClosedName("/l/app", Start, _ => false));
    }

    [Fact]
    public void ReadStamp_FromAMatch_GivesStartAndClash()
    {
        var match = PathTemplate.Parse("/l/app.log").CreatePattern(null).Match("app.2026-11-24_09-10-00_123456.3.log.gz");

        var stamp = RotatedFileNames.ReadStamp(match);

        Assert.Equal((new DateTime(2026, 11, 24, 9, 10, 0).AddTicks(1_234_560), 3), stamp);
    }
}
