using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

public partial class FileSinkTests
{
    private const string StampedName = @"^app\.\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\d{6}[+-]\d{4}(\.\d+)?\.log$";

    [Fact]
    public void SizeRotation_NoFileExceedsTheLimit_AndEveryRecordIsKeptInOrder()
    {
        using (var provider = Provider(Sink(s => s.Rotation = "1 KB")))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 200; i++)
            {
                logger.LogInformation("record number {Index:D5} with some padding", i);
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        var files = LogFolder.Files(_folder.Path);
        Assert.True(files.Length > 5, $"only {files.Length} files");
        Assert.All(files, f => Assert.True(new FileInfo(f).Length <= 1000, $"{f} has {new FileInfo(f).Length} bytes"));
        Assert.Contains("app.log", LogFolder.Names(_folder.Path));
        Assert.All(LogFolder.Names(_folder.Path).Where(n => n != "app.log"), n => Assert.Matches(StampedName, n));
        var lines = LogFolder.AllLines(_folder.Path).OrderBy(l => l, StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"record number {i:D5} with some padding"), lines);
    }

    [Fact]
    public void SizeRotation_RecordLargerThanTheLimit_GetsAFileOfItsOwn()
    {
        using (var provider = Provider(Sink(s => s.Rotation = Rotation.Size(100))))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("small");
            logger.LogInformation("{Big}", new string('x', 300));
            logger.LogInformation("after");
        }

        var contents = LogFolder.Files(_folder.Path).Select(LogFolder.Read).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["after\n", "small\n", new string('x', 300) + "\n"], contents);
    }

    [Fact]
    public void RotatedName_CarriesTheTimeTheFileWasStarted()
    {
        using (var provider = Provider(Sink(s => s.Rotation = "10 B")))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("first record");
            _time.Advance(TimeSpan.FromSeconds(61.5));
            logger.LogInformation("second record");
        }

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("first record\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("second record\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void TimeRotation_NextRecordAfterTheBoundary_GoesToANewFile()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 59, 0, TimeSpan.Zero));
        using (var provider = Provider(Sink(s => s.Rotation = "00:00")))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("before midnight");
            _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 0, 0, 30, TimeSpan.Zero));
            logger.LogInformation("after midnight");
        }

        Assert.Equal(["app.2026-11-24_23-59-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("before midnight\n", File.ReadAllText(_folder.File("app.2026-11-24_23-59-00_000000+0000.log")));
        Assert.Equal("after midnight\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task TimeRotation_IdleFile_IsRotatedAndCompressedByTheTimer()
    {
        await using var provider = Provider(Sink(s =>
        {
            s.Rotation = "hourly";
            s.Compression = "gz";
        }));
        provider.CreateLogger("c").LogInformation("lonely record");

        _time.Advance(TimeSpan.FromHours(1));
        var file = Assert.IsType<LoguStyle.Sinks.FileSink>(LogFileSinks(provider).Single()).File;
        await file.Archiver.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log.gz", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("lonely record\n", LogFolder.Read(_folder.File("app.2026-11-24_09-10-00_000000+0000.log.gz")));
        Assert.Equal(0, new FileInfo(LogPath).Length);
    }

    [Fact]
    public void TimeRotation_EmptyPeriod_DoesNotMakeAnEmptyFile()
    {
        using (var provider = Provider(Sink(s => s.Rotation = "hourly")))
        {
            _time.Advance(TimeSpan.FromHours(3));
            provider.CreateLogger("c").LogInformation("late");
        }

        Assert.Equal(["app.log"], LogFolder.Names(_folder.Path));
    }

    [Fact]
    public void TimeRotation_RestartAfterTheBoundary_RotatesAtStartUp()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.Zero));
        using (var provider = Provider(Sink(s => s.Rotation = "daily")))
        {
            provider.CreateLogger("c").LogInformation("yesterday");
        }

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        using (Provider(Sink(s => s.Rotation = "daily")))
        {
            Assert.Equal(["app.2026-11-24_22-00-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        }

        Assert.Equal("yesterday\n", File.ReadAllText(_folder.File("app.2026-11-24_22-00-00_000000+0000.log")));
    }

    [Fact]
    public void TimeRotation_RestartBeforeTheBoundary_KeepsAppending()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        using (var provider = Provider(Sink(s => s.Rotation = "daily")))
        {
            provider.CreateLogger("c").LogInformation("morning");
        }

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));
        using (var provider = Provider(Sink(s => s.Rotation = "daily")))
        {
            provider.CreateLogger("c").LogInformation("evening");
        }

        Assert.Equal(["app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("morning\nevening\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void TimeRotation_AcrossADaylightSavingChange_RotatesOnceAtTheJump()
    {
        _time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestZones.Local(2026, 3, 28, 12));
        _time.SetLocalTimeZone(TestZones.CentralEurope);
        using (var provider = Provider(Sink(s => s.Rotation = "02:30")))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("saturday");
            _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 3, 29, 0, TimeSpan.FromHours(2)));
            logger.LogInformation("just before the jump");
            _time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 3, 31, 0, TimeSpan.FromHours(2)));
            logger.LogInformation("sunday");
        }

        // The closed name carries the local (winter) start time.
        Assert.Equal(["app.2026-03-28_12-00-00_000000+0100.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("saturday\njust before the jump\n", File.ReadAllText(_folder.File("app.2026-03-28_12-00-00_000000+0100.log")));
        Assert.Equal("sunday\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Rotation_AnyOfSeveral_RotatesOnTheFirst()
    {
        using (var provider = Provider(Sink(s => s.Rotation = Rotation.Any("1 MB", "1 min"))))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("a");
            _time.Advance(TimeSpan.FromSeconds(61));
            logger.LogInformation("b");
        }

        Assert.Equal(2, LogFolder.Files(_folder.Path).Length);
    }

    [Fact]
    public void Rotation_Predicate_SeesTheContextAndDecides()
    {
        var seen = new List<RotationContext>();
        using (var provider = Provider(Sink(s => s.Rotation = Rotation.When(c =>
        {
            seen.Add(c);
            return c.Size >= 4;
        }))))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("abc");
            logger.LogInformation("def");
            logger.LogInformation("ghi");
        }

        Assert.Equal(3, LogFolder.Files(_folder.Path).Length);
        Assert.Equal([4L, 4L], seen.Select(c => c.Size));
        Assert.All(seen, c => Assert.Equal(LogPath, c.Path));
        Assert.All(seen, c => Assert.Equal(4, c.RecordBytes));
    }

    // Three files started at one instant of the clock: each starts 1 µs after the one before, so their names sort in the
    // order they were written (they clashed before, and the clash's ".2" sorted before the name it followed). A clash
    // that still happens (a start time kept across a restart) adds a number: RotatedFileNamesTests, FileRotatorTests.
    [Fact]
    public void Rotation_RotationsAtOneInstant_EachFileStartsAMicrosecondAfterTheOneBefore()
    {
        using (var provider = Provider(Sink(s => s.Rotation = "2 B")))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("a");
            logger.LogInformation("b");
            logger.LogInformation("c");
        }

        Assert.Equal(
            ["app.2026-11-24_09-10-00_000000+0000.log", "app.2026-11-24_09-10-00_000001+0000.log", "app.log"],
            LogFolder.Names(_folder.Path));
    }

    [Fact]
    public void RotateOnShutdown_ClosesRotatesAndCompressesTheActiveFile()
    {
        using (var provider = Provider(Sink(s =>
        {
            s.RotateOnShutdown = true;
            s.Compression = Compression.Zip;
        })))
        {
            provider.CreateLogger("c").LogInformation("last run");
        }

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log.zip"], LogFolder.Names(_folder.Path));
        Assert.Equal("last run\n", LogFolder.Read(_folder.File("app.2026-11-24_09-10-00_000000+0000.log.zip")));
        Assert.False(File.Exists(StartTimeStore.SidecarOf(LogPath)));
    }

    private static IEnumerable<LoguStyle.Sinks.Sink> LogFileSinks(LoguStyleLoggerProvider provider) =>
        provider.CurrentSinks.Where(s => s is LoguStyle.Sinks.FileSink);
}
