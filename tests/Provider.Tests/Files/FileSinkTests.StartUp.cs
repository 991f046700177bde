using System.Globalization;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>Start-up recovery never takes the file a sink has just opened (issue 15, item 5).</summary>
public partial class FileSinkTests
{
    [Theory]
    [InlineData(false)]
    // With Delay the file is opened by the first record, while recovery may still be scanning the folder.
    [InlineData(true)]
    public void StartUp_ManyStartsWithATimeTokenAndGz_NeverLoseTheActiveFile(bool delay)
    {
        // A clock that moves on every reading, as a real one does: the name {time} resolves to at recovery is never the
        // name the file was opened with, so only the published active path protects the file. A busy folder makes
        // recovery's scan long enough to overlap the open.
        const int starts = 300;
        for (var i = 0; i < 3_000; i++)
        {
            File.WriteAllText(_folder.File(string.Create(CultureInfo.InvariantCulture, $"other-{i:D4}.txt")), string.Empty);
        }

        var time = new FakeTimeProvider(_time.GetUtcNow()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var sink = Sink(
            s =>
            {
                s.Compression = "gz";
                s.Delay = delay;
            },
            _folder.File("app_{time}.log"));
        for (var i = 0; i < starts; i++)
        {
            using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }, time, TextWriter.Null);
            provider.CreateLogger("c").LogInformation("start {Index}", i);
        }

        var lines = LogFolder.Files(_folder.Path)
            .Where(f => Path.GetFileName(f).StartsWith("app_", StringComparison.Ordinal))
            .SelectMany(f => LogFolder.Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Enumerable.Range(0, starts).Select(i => $"start {i}").Order(StringComparer.Ordinal), lines);
    }
}
