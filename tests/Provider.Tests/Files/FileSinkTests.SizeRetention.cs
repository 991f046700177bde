using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>Retention by total size (issue 20.5) on real files: the newest closed files that fit with the active one.</summary>
public partial class FileSinkTests
{
    [Fact]
    public void Retention_Size_AtStartUp_CountsTheActiveFileInTheTotal()
    {
        // 3 closed files of 30 B and an active file of 25 B: 115 B. Within 100 B the oldest goes; the closed files
        // alone (90 B) would have fitted, so a kept oldest file would mean the active file was not counted.
        string[] closed = ["app.2026-11-20_00-00-00_000000.log", "app.2026-11-21_00-00-00_000000.log", "app.2026-11-22_00-00-00_000000.log"];
        foreach (var name in closed)
        {
            File.WriteAllText(_folder.File(name), new string('x', 29) + "\n");
        }

        File.WriteAllText(LogPath, new string('y', 24) + "\n");

        using (Provider(Sink(s => s.Retention = "100 B")))
        {
        }

        Assert.Equal([.. closed[1..], "app.log"], LogFolder.Names(_folder.Path));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Retention_Size_WhileRunning_KeepsTheNewestClosedFilesThatFit(bool timePath, bool shared)
    {
        // Each file holds two records of 10 B; at shutdown the active file is rotated too, so the last retention runs
        // with no active file: 50 B keeps the newest two files (40 B), whatever the archive worker's timing was before.
        var path = timePath ? _folder.File("app_{time:yyyy-MM-dd_HH-mm-ss}.log") : LogPath;
        using (var provider = Provider(Sink(
            s =>
            {
                s.Rotation = "20 B";
                s.Retention = "50 B";
                s.RotateOnShutdown = true;
                s.Shared = shared;
            },
            path)))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 20; i++)
            {
                logger.LogInformation("record {Index:D2}", i);
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var files = LogFolder.Files(_folder.Path);
        Assert.True(files.Length == 2, string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length}")));
        Assert.Equal(["record 16", "record 17", "record 18", "record 19"], files.SelectMany(f => LogFolder.Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.All(files, f => Assert.Equal(20, new FileInfo(f).Length));
    }

    [Fact]
    public void Retention_Size_WithGz_CountsTheArchivesAsCompressed()
    {
        // A record of 1,000 bytes compresses to a few dozen: counted uncompressed, no archive would fit in 300 B. The
        // clock stands still, so the active file's records stay in its buffer (0 B on disk) whenever retention runs.
        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "1 KB";
            s.Retention = "300 B";
            s.Compression = "gz";
            s.RotateOnShutdown = true;
        })))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 20; i++)
            {
                logger.LogInformation("{Index:D2} {Filler}", i, new string('a', 996));
            }
        }

        var archives = LogFolder.Files(_folder.Path);
        var lengths = archives.Select(f => new FileInfo(f).Length).ToArray();
        Assert.All(archives, f => Assert.EndsWith(".log.gz", f, StringComparison.Ordinal));
        Assert.InRange(archives.Length, 2, 19);
        Assert.True(lengths.Sum() <= 300, $"{lengths.Sum()} B kept");
        Assert.True(lengths.Sum() + lengths.Min() > 300, $"{lengths.Sum()} B kept of files of {lengths.Min()}-{lengths.Max()} B: one more would have fitted");

        // The newest: the last records written.
        var kept = archives.Select(f => int.Parse(LogFolder.Read(f)[..2], System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(20 - archives.Length, archives.Length), kept);
    }
}
