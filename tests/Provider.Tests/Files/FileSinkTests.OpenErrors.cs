using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>What a file that cannot be opened says on stderr: the reason in words, and when it is tried again, with its offset.</summary>
public partial class FileSinkTests
{
    [Fact]
    public void Open_PathIsADirectory_IsReportedAsADirectory_WithTheRetryTimeAndItsOffset()
    {
        _time.SetLocalTimeZone(TestZones.CentralEurope);
        var errors = new StringWriter();

        // Delay: the file is opened at the first record, after a directory took its name.
        using var provider = Provider(Sink(s => s.Delay = true), errors);
        Directory.CreateDirectory(LogPath);
        provider.CreateLogger("c").LogInformation("lost");

        var report = errors.ToString();
        Assert.Contains($"{LogPath} could not be opened ({LogPath} is a directory, not a file;", report, StringComparison.Ordinal);
        Assert.Contains("retrying at 10:10:02 +01:00", report, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", report, StringComparison.Ordinal);
    }
}
