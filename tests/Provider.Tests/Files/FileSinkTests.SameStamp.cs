using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Rotations faster than a name can tell apart (issue 14, defect 2(b)): many files closed at one instant get one stamp,
/// and one <c>{time:HH-mm-ss-fff}</c> name, and must still be read, kept and deleted in the order they were written.
/// </summary>
public partial class FileSinkTests
{
    [Theory]
    [InlineData("app.log", null)]
    [InlineData("app.log", "gz")]
    [InlineData("app-{time:HH-mm-ss-fff}.log", null)]
    [InlineData("app-{time:HH-mm-ss-fff}.log", "gz")]
    public async Task ManyRotationsInOneMillisecond_FilesReadInTheOrderWritten_AndRetentionKeepsTheNewest(string name, string? compression)
    {
        // The fake clock never moves: every file starts, and is closed, at the same instant. Retention runs after each
        // rotation, as it would between records logged a few microseconds apart.
        var path = _folder.File(name);
        using (var provider = Provider(Sink(
            s =>
            {
                s.Rotation = "1 B";
                s.Retention = 3;
                if (compression is not null)
                {
                    s.Compression = compression;
                }
            },
            path)))
        {
            var logger = provider.CreateLogger("c");
            var archiver = provider.CurrentSinks.OfType<LoguStyle.Sinks.FileSink>().Single().File.Archiver;
            for (var i = 0; i < 12; i++)
            {
                logger.LogInformation("record {Index:D2}", i);
                await archiver.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        // The three newest closed files and the active one, in the order written.
        var files = LogFile.Files(path);
        Assert.Equal(
            ["record 08", "record 09", "record 10", "record 11"],
            files.SelectMany(f => LogFolder.Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
