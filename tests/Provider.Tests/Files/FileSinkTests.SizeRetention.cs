using LoguStyle.Files;
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
        var archives = LogTwentyFilesWithGz(Compression.GZip, holdRotation: null);
        AssertTheNewestArchivesThatFitAreKept(archives);
    }

#if DEBUG
    [Fact]
    public void Retention_Size_WithGz_AFileBeingRotatedIsNotCountedAsTheActiveFile()
    {
        // The archive worker's 15th compression waits until the 16th rotation has flushed its file (1,000 B on disk at
        // the active path) and is held there, before the rename, until the worker has done that job: the retention
        // after it must keep the newest archives that fit. Counting the closing file as the active one, it deleted all
        // 15, and only the 5 archives after them were left in the end.
        using var held = new ManualResetEventSlim();
        var compressions = 0;
        var compression = Compression.Custom(".gz", (source, destination) =>
        {
            if (Interlocked.Increment(ref compressions) == 15)
            {
                held.Wait(TimeSpan.FromSeconds(10));
            }

            Compression.GZip.Compress(source, destination);
        });
        var (started, idle) = (false, false);
        var archives = LogTwentyFilesWithGz(compression, holdRotation: (number, file) =>
        {
            if (number == 1)
            {
                // The start-up recovery done first: from here the worker's jobs are the closed files, one by one.
                started = file.Archiver.IdleAsync().Wait(TimeSpan.FromSeconds(10));
            }
            else if (number == 16)
            {
                held.Set();
                idle = file.Archiver.IdleAsync().Wait(TimeSpan.FromSeconds(10));
            }
        });

        Assert.True(started, "the archive worker did not finish its start-up recovery");
        Assert.True(idle, "the archive worker did not finish its jobs while the rotation was held");
        AssertTheNewestArchivesThatFitAreKept(archives);
    }
#endif

    /// <summary>
    /// 20 files of one record each, compressed, within 300 B: 19 records of 1,000 bytes (each compresses to a few dozen
    /// bytes, so counted uncompressed no archive would fit) and a short last one. The clock stands still, so a file's
    /// records stay in its buffer (0 B on disk) until its rotation flushes it. The last record is short because
    /// dispose flushes it before the shutdown rotation, and retention then counts it, as the active file, at its size.
    /// </summary>
    private string[] LogTwentyFilesWithGz(Compression compression, Action<int, RotatingFile>? holdRotation)
    {
#if DEBUG
        var rotations = 0;
        RotationSteps.BeforeRename = holdRotation is null ? null : file => holdRotation(++rotations, file);
#endif
        try
        {
            using var provider = Provider(Sink(s =>
            {
                s.Rotation = "1 KB";
                s.Retention = "300 B";
                s.Compression = compression;
                s.RotateOnShutdown = true;
            }));
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 19; i++)
            {
                logger.LogInformation("{Index:D2} {Filler}", i, new string('a', 996));
            }

            logger.LogInformation("{Index:D2}", 19);
        }
        finally
        {
#if DEBUG
            RotationSteps.BeforeRename = null;
#endif
        }

        return LogFolder.Files(_folder.Path);
    }

    private static void AssertTheNewestArchivesThatFitAreKept(string[] archives)
    {
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
