using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>The active file over weeks: logrotate beside it, a folder it cannot fully write, a clock that was wrong.</summary>
public partial class FileSinkTests
{
    // 99 characters and a newline.
    private static string Line(string tag, int index) => $"{tag} {index:D5} {new string('.', 92 - tag.Length)}";

    [Theory]
    [InlineData("create")]
    [InlineData("mv-over")]
    public async Task Watch_FileSwappedUnderIt_TheNameNeverMissing_LaterRecordsGoToTheNewFile(string swap)
    {
        var old = _folder.File("app.log.1");
        using (var provider = Provider(Sink(s => s.Watch = true)))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("before");
            await provider.FlushAsync();

            if (swap == "create")
            {
                // logrotate's create: rename, then a new file at the name before the next record.
                File.Move(LogPath, old);
                File.WriteAllText(LogPath, string.Empty);
            }
            else
            {
                // ln app.log app.log.1; mv new app.log: the name is never missing. (A copy stands in for the link.)
                File.Copy(LogPath, old);
                File.WriteAllText(_folder.File("new"), string.Empty);
                File.Move(_folder.File("new"), LogPath, overwrite: true);
            }

            logger.LogInformation("after");
            await provider.FlushAsync();
            Assert.Equal("after\n", ReadShared(LogPath));

            // More than a buffer, without a flush: whole buffers written as they fill go to the new file too.
            for (var i = 0; i < 1_000; i++)
            {
                logger.LogInformation("{Line}", Line("later", i));
            }
        }

        Assert.Equal("before\n", File.ReadAllText(old));
        Assert.Equal(["after", .. Enumerable.Range(0, 1_000).Select(i => Line("later", i))], File.ReadAllLines(LogPath));
    }

    [Fact]
    public async Task Watch_FileReplacedBeforeARotation_TheReplacementIsNotRenamed_ItBecomesTheActiveFile()
    {
        using (var provider = Provider(Sink(s =>
        {
            s.Watch = true;
            s.Rotation = "1 KB";
        })))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 9; i++)
            {
                logger.LogInformation("{Line}", Line("a", i));
            }

            await provider.FlushAsync();
            File.WriteAllText(_folder.File("new"), "theirs\n");
            File.Move(_folder.File("new"), LogPath, overwrite: true);

            // The second record would take the 900-byte file past 1 KB: the rotation finds another file at the path.
            logger.LogInformation("{Line}", Line("b", 0));
            logger.LogInformation("{Line}", Line("b", 1));
        }

        Assert.Equal(["app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal(["theirs", Line("b", 0), Line("b", 1)], File.ReadAllLines(LogPath));
    }

    [Fact]
    public async Task OutsideTruncation_NoNulBytes_AndSizeRotationCountsTheFileAgain()
    {
        using (var provider = Provider(Sink(s => s.Rotation = "4 KB")))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 30; i++)
            {
                logger.LogInformation("{Line}", Line("old", i));
            }

            await provider.FlushAsync();

            // logrotate's copytruncate (after its copy), or `: > app.log`.
            using (new FileStream(LogPath, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            logger.LogInformation("{Line}", Line("new", 0));
            await provider.FlushAsync();
            for (var i = 1; i < 31; i++)
            {
                logger.LogInformation("{Line}", Line("new", i));
            }
        }

        var bytes = File.ReadAllBytes(LogPath);
        Assert.DoesNotContain((byte)0, bytes);

        // 3,100 bytes in the file: under the 4 KB limit, so no rotation (a count that kept the 3,000 emptied bytes would
        // have rotated after 9 records).
        Assert.Equal(["app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal(Enumerable.Range(0, 31).Select(i => Line("new", i)), File.ReadAllLines(LogPath));
    }

    /// <summary>
    /// As a user meets it: the app logs on, the flush timer has written what came before, the file is emptied from
    /// outside, and more records come within the same 200 ms (no flush between): the next size rotation still comes
    /// after 4 KB of new records, not after the 1 KB the emptied 3,000 bytes left of the old count.
    /// </summary>
    [Theory]
    [InlineData("FileMode.Truncate")]
    [InlineData("truncate -s 0")]
    public async Task OutsideTruncation_RecordsRightAfterIt_TheNextSizeRotationComesAfterTheLimitOfNewRecords(string how)
    {
        using (var provider = Provider(Sink(s => s.Rotation = "4 KB")))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 30; i++)
            {
                logger.LogInformation("{Line}", Line("old", i));
            }

            // The flush timer runs (the fake clock calls it here), as it would in the app.
            _time.Advance(TimeSpan.FromMilliseconds(200));
            Assert.Equal(3_000, new FileInfo(LogPath).Length);

            if (how == "FileMode.Truncate")
            {
                using (File.Open(LogPath, new FileStreamOptions { Mode = FileMode.Truncate, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete }))
                {
                }
            }
            else
            {
                var run = await ProcessRun.StartAsync("truncate", ["-s", "0", LogPath], _folder.Path, new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));
                Assert.True(run.ExitCode == 0, run.StandardError);
            }

            for (var i = 0; i < 60; i++)
            {
                logger.LogInformation("{Line}", Line("new", i));
            }
        }

        // 4 KB is 4,000 bytes: 40 records of 100 bytes fill the emptied file, and the 41st starts the next one.
        var closed = Assert.Single(LogFolder.Files(_folder.Path), f => Path.GetFileName(f) != "app.log");
        Assert.Equal(Enumerable.Range(0, 40).Select(i => Line("new", i)), File.ReadAllLines(closed));
        Assert.Equal(Enumerable.Range(40, 20).Select(i => Line("new", i)), File.ReadAllLines(LogPath));
    }

    [SkippableFact]
    public async Task ClockRotation_InAFolderItCannotFullyWrite_LosesNoRecord_AndReportsOncePerMinute()
    {
        var folder = _folder.File("logs");
        var path = Path.Combine(folder, "app.log");
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, string.Empty);

        // It may append to app.log; it may not rename it, create the start time's sidecar, or set an attribute on it.
        using var appendOnly = AppendOnly.TrySet(out var whyNot, path, folder);
        Skip.If(appendOnly is null, whyNot);
        var errors = new StringWriter();
        using var meter = new SinkMeter();
        var expected = new List<string>();
        using (var provider = Provider(Sink(s => s.Rotation = "hourly", path), errors))
        {
            var logger = provider.CreateLogger("c");
            for (var hour = 0; hour < 3; hour++)
            {
                for (var i = 0; i < 100; i++)
                {
                    expected.Add(Line($"h{hour}", i));
                    logger.LogInformation("{Line}", expected[^1]);
                }

                // The boundary passes: the timer tries to rotate, and so does every later record.
                _time.Advance(TimeSpan.FromHours(1));
            }

            await provider.FlushAsync();
            Assert.Equal(0, meter.Read("logustyle.sink.errors", path));
            Assert.Equal(300, meter.Read("logustyle.records.written", path));
        }

        appendOnly.Clear();
        Assert.Equal(expected, File.ReadAllLines(path));

        // One line per kind of fault and fake minute at most: three hours passed, so at most three of each.
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Count(l => l.Contains("could not rotate", StringComparison.Ordinal)), 1, 3);
        Assert.InRange(lines.Count(l => l.Contains("could not keep the start time", StringComparison.Ordinal)), 0, 3);
        Assert.Equal(lines.Length, lines.Count(l => l.Contains("could not rotate", StringComparison.Ordinal) || l.Contains("could not keep the start time", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void SizeRotation_ThatCannotRename_ReportsOncePerMinute_WritesOnInTheFile_AndRotatesOnceItCan()
    {
        var folder = _folder.File("logs");
        var path = Path.Combine(folder, "app.log");
        Directory.CreateDirectory(folder);
        using var appendOnly = AppendOnly.TrySet(out var whyNot, folder);
        Skip.If(appendOnly is null, whyNot);
        var errors = new StringWriter();
        using (var provider = Provider(Sink(s => s.Rotation = "1 KB", path), errors))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 1_000; i++)
            {
                logger.LogInformation("{Line}", Line("a", i));
            }

            Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("could not rotate", errors.ToString(), StringComparison.Ordinal);

            // A minute later it may say so again, once.
            _time.Advance(TimeSpan.FromSeconds(61));
            for (var i = 0; i < 1_000; i++)
            {
                logger.LogInformation("{Line}", Line("b", i));
            }

            Assert.Equal(2, errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

            // The folder heals: the next try (within a minute of backing off) rotates.
            appendOnly.Clear();
            _time.Advance(TimeSpan.FromMinutes(1));
            logger.LogInformation("{Line}", Line("c", 0));
        }

        var names = LogFolder.Names(folder);
        Assert.True(names.Length == 2, string.Join(", ", names.Select(n => n + "=" + new FileInfo(Path.Combine(folder, n)).Length)) + errors);
        Assert.Equal(
            [.. Enumerable.Range(0, 1_000).Select(i => Line("a", i)), .. Enumerable.Range(0, 1_000).Select(i => Line("b", i))],
            File.ReadAllLines(Path.Combine(folder, names.Single(n => n != "app.log"))));
        Assert.Equal([Line("c", 0)], File.ReadAllLines(path));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2030-01-01T00:00:00.0000000+00:00")]
    public void StartTime_LaterThanNow_IsDistrusted_NoThrow_AndTheNextBoundaryRotates(string kept)
    {
        File.WriteAllText(LogPath, "from the last run\n");
        File.WriteAllText(StartTimeStore.SidecarOf(LogPath), kept);
        var errors = new StringWriter();
        using (var provider = Provider(Sink(s => s.Rotation = "daily"), errors))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("today");
            _time.Advance(TimeSpan.FromDays(1));
            logger.LogInformation("tomorrow");
        }

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("from the last run\ntoday\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("tomorrow\n", File.ReadAllText(LogPath));
        Assert.Contains("later than now", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartTime_KeptOnTheFile_OnlyForRotationsThatReadIt_NoSidecarBesideAnyFile()
    {
        var sizeOnly = _folder.File("size.log");
        var json = _folder.File("app.json");
        using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Sink(s => s.Rotation = "daily"), Sink(s => s.Rotation = "1 MB", sizeOnly), new FileSinkOptions(json) { Serialize = true } } },
            _time,
            TextWriter.Null))
        {
            provider.CreateLogger("c").LogInformation("x");
        }

        Assert.Empty(Directory.GetFiles(_folder.Path, ".*"));
        Assert.Equal(
            _time.GetLocalNow().ToString("O", CultureInfo.InvariantCulture),
            LoguStyle.Files.Shared.UnixNative.GetAttribute(LogPath, StartTimeStore.AttributeName));
        Assert.Null(LoguStyle.Files.Shared.UnixNative.GetAttribute(sizeOnly, StartTimeStore.AttributeName));
        Assert.Null(LoguStyle.Files.Shared.UnixNative.GetAttribute(json, StartTimeStore.AttributeName));
    }
}
