using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>
/// The order and the age of closed files come from instants compression does not change: the time in the name, else
/// the closed file's last write, which its archive keeps (outside test of issue 14, defects 1 to 3).
/// </summary>
public partial class FileSinkTests
{
    private static readonly string[] Days = [.. Enumerable.Range(20, 10).Select(day => $"2026-11-{day}")];

    [Fact]
    public void Retention_TimeTokenPathCompressedAtStartUp_KeepsTheNewestDays()
    {
        // Run 1 writes ten daily files uncompressed; run 2 turns on gz and Retention 5. Compressing them at start-up
        // gave each archive a new last write, by which they were then ordered: older days were kept, newer deleted.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var path = _folder.File("app_{time:yyyy-MM-dd}.log");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Sink(s => { s.Rotation = "00:00"; s.Retention = 100; }, path) } }, time, TextWriter.Null))
        {
            var logger = provider.CreateLogger("c");
            for (var step = 0; step < 40; step++)
            {
                logger.LogInformation("step {Step}", step);
                time.Advance(TimeSpan.FromHours(6));
            }
        }

        // Last writes the reverse of the days (as hand-made files, or files touched by a copy, may have): the name decides.
        for (var i = 0; i < Days.Length; i++)
        {
            File.SetLastWriteTimeUtc(_folder.File($"app_{Days[i]}.log"), new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc).AddMinutes(-i));
        }

        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero));
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Sink(s => { s.Rotation = "00:00"; s.Retention = 5; s.Compression = "gz"; }, path) } }, time, TextWriter.Null))
        {
            provider.CreateLogger("c").LogInformation("run 2");
        }

        Assert.Equal([.. Days[5..].Select(day => $"app_{day}.log.gz"), "app_2026-11-30.log"], LogFolder.Names(_folder.Path));
    }

    /// <summary>
    /// Found from outside: a rotated file was stamped with the time of the record that started it, and an enqueued record
    /// can reach the writer after later records of other threads: the next archive's name sorted before the one written
    /// before it (1 of 58 folders). Here the records that start the third and fourth files carry times earlier than the
    /// second file's start; each new file starts 1 µs after the one before instead.
    /// </summary>
    [Fact]
    public async Task SizeRotation_ARecordOlderThanTheFileBefore_StartsTheNextFile_TheArchiveNamesStillSortInWritingOrder()
    {
        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var settings = FileSettings.From(new FileSinkOptions(LogPath) { Rotation = "12 B" });
        await using (var file = new RotatingFile(PathTemplate.Parse(LogPath), settings, time, new LoguStyle.Diagnostics.SinkStats(), new LoguStyle.Diagnostics.SinkErrorReporter("app", time, TextWriter.Null)))
        {
            // 11 bytes each: every record after the first rotates. Times in µs after 09:00:00: 10, 20, then 5 and 6, late.
            foreach (var (text, micros) in new[] { ("record 1.", 10), ("record 2.", 20), ("record 3.", 5), ("record 4.", 6) })
            {
                file.Append(System.Text.Encoding.UTF8.GetBytes(text + "\n"), isCall: true, start.AddTicks(micros * TimeSpan.TicksPerMicrosecond));
            }
        }

        var archives = Directory.GetFiles(_folder.Path, "app.*.log").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["record 1.", "record 2.", "record 3."], archives.Select(archive => File.ReadAllText(archive).TrimEnd('\n')));
        Assert.Equal("record 4.\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Files_TimeTokenPathWithSizeRotationAndGz_ListsByTheNameAndTheActiveFileLast()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var path = _folder.File("app_{time:yyyy-MM-dd_HH-mm-ss-ffffff}.log");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Sink(s => { s.Rotation = "12 B"; s.Compression = "gz"; }, path) } }, time, TextWriter.Null))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 8; i++)
            {
                logger.LogInformation("record {Index}", i);
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        // The archives were written after the active file's last record (compression runs later): last writes newest
        // first, so an order by last write puts the active file first.
        var files = LogFolder.Files(_folder.Path);
        for (var i = 0; i < files.Length; i++)
        {
            File.SetLastWriteTimeUtc(files[i], new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc).AddMinutes(-i));
        }

        var listed = LogFile.Files(path);
        Assert.Equal(8, listed.Count);
        Assert.Equal("app_2026-11-24_09-00-07-000000.log", Path.GetFileName(listed[^1]));
        Assert.Equal(
            Enumerable.Range(0, 8).Select(i => $"record {i}"),
            listed.SelectMany(f => LogFolder.Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("gz")]
    [InlineData(null)]
    public void Retention_AgeOfClosedFilesCompressedAtStartUp_IsTheirLastWrite(string? compression)
    {
        // Closed files last written 54..56 days before now: compressing them at start-up must not make them young.
        for (var day = 1; day <= 3; day++)
        {
            var closed = _folder.File($"app.2026-10-0{day}_00-00-00_000000+0000.log");
            File.WriteAllText(closed, $"rec {day}\n");
            File.SetLastWriteTimeUtc(closed, new DateTime(2026, 10, day, 23, 0, 0, DateTimeKind.Utc));
        }

        _time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "1 day";
            s.Retention = "30 days";
            s.Compression = compression is null ? null : Compression.Parse(compression);
        })))
        {
            provider.CreateLogger("c").LogInformation("now");
        }

        Assert.Equal(["app.log"], LogFolder.Names(_folder.Path));
    }

    [Fact]
    public void Compression_Archive_KeepsTheLastWriteOfItsClosedFile()
    {
        var closed = _folder.File("app.2026-11-20_00-00-00_000000+0000.log");
        File.WriteAllText(closed, "rec\n");
        var written = new DateTime(2026, 11, 20, 23, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(closed, written);

        using (Provider(Sink(s => s.Compression = "gz")))
        {
        }

        Assert.Equal(written, File.GetLastWriteTimeUtc(closed + ".gz"));
    }
}
