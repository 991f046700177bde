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
        Assert.Contains("the first record logged from 10:10:02 +01:00 on tries again.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FailsAtStartUp_IsOneSentenceWithOneRetryRule()
    {
        // Outside test of issue 14, defect 5: "... retrying at 10:13:59 +00:00.; retrying when records arrive."
        _time.SetLocalTimeZone(TestZones.CentralEurope);
        var errors = new StringWriter();
        File.WriteAllText(_folder.File("blocked"), "a file where the folder should be");

        using (Provider(Sink(path: Path.Combine(_folder.File("blocked"), "app.log")), errors))
        {
        }

        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("could not be opened", StringComparison.Ordinal));
        Assert.StartsWith("LoguStyle: ", line, StringComparison.Ordinal);
        Assert.EndsWith("; the first record logged from 10:10:02 +01:00 on tries again.", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", line, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", line, StringComparison.Ordinal);
    }
}
