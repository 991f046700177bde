using System.Text;
using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>
/// The coordination of <see cref="FileSinkOptions.Shared"/> files, step by step and on a fake clock: two
/// <see cref="RotatingFile"/> instances on one path stand for two processes (each opens its own lock descriptor, and
/// flock locks conflict between descriptors exactly as between processes). Real processes: SharedFileProcessTests.
/// </summary>
public sealed class SharedFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero));
    private readonly StringWriter _errors = new();

    public void Dispose() => _folder.Dispose();

    private string LogPath => _folder.File("app.log");

    [Fact]
    public async Task Batches_ReachTheFileOnlyWhenFlushed_AsWholeRunsFromEachWriter()
    {
        await using var first = Writer();
        await using var second = Writer();
        Append(first, "1a");
        Append(second, "2a");
        Append(first, "1b");
        Assert.Equal(string.Empty, File.ReadAllText(LogPath));

        second.Flush();
        first.Flush();

        Assert.Equal("2a\n1a\n1b\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task SizeLimit_IsJudgedOnTheSharedFile_AndExactlyOneWriterRotates()
    {
        await using var first = Writer(s => s.Rotation = Rotation.Size(10));
        await using var second = Writer(s => s.Rotation = Rotation.Size(10));
        Append(first, "1aaa");
        first.Flush();
        Append(second, "2aaa");
        second.Flush();

        // 10 bytes are in the file: this record would pass the limit, so its writer rotates first.
        Append(first, "1bbb");
        first.Flush();
        Append(second, "2bbb");
        second.Flush();

        await first.Archiver.IdleAsync();
        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("1aaa\n2aaa\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("1bbb\n2bbb\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task WriterHoldingARotatedFile_ReopensBeforeItsNextWrite_AndNeverTouchesTheClosedFile()
    {
        await using var first = Writer(s => s.Rotation = Rotation.Size(10));
        await using var second = Writer(s => s.Rotation = Rotation.Size(10));
        Append(first, "1aaaaaaa");
        first.Flush();
        Append(second, "2aaaaaaa");
        second.Flush();
        var closed = _folder.File("app.2026-11-24_09-10-00_000000+0000.log");
        Assert.Equal("1aaaaaaa\n", File.ReadAllText(closed));

        // The first writer still holds the descriptor of the file the second one closed.
        Append(first, "1bbbbbbb");
        first.Flush();

        // It reopened the new file (which then needed rotating for this record, by the shared size) and left the
        // closed one as it was.
        Assert.Equal("1aaaaaaa\n", File.ReadAllText(closed));
        Assert.Equal("1bbbbbbb\n", File.ReadAllText(LogPath));
        Assert.Equal(["1aaaaaaa", "2aaaaaaa", "1bbbbbbb"], SharedLog.ReadInOrder(_folder.Path).SelectMany(f => f.Lines.SkipLast(1)));
    }

    [Fact]
    public async Task SizeLimit_BatchLargerThanTheLimit_IsSplitAtRecordBoundaries()
    {
        await using var writer = Writer(s => s.Rotation = Rotation.Size(20));
        for (var i = 0; i < 10; i++)
        {
            Append(writer, $"record {i}");
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        writer.Flush();

        var files = SharedLog.ReadInOrder(_folder.Path);
        Assert.All(files, f => Assert.True(f.Bytes <= 20, $"{f.Name}: {f.Bytes} bytes"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"record {i}"), files.SelectMany(f => f.Lines.SkipLast(1)));
    }

    [Fact]
    public async Task TimeBoundary_BothWritersTimersFire_OneRotates_TheOtherFollows()
    {
        await using var first = Writer(s => s.Rotation = "1 h");
        await using var second = Writer(s => s.Rotation = "1 h");
        Append(first, "before 1");
        Append(second, "before 2");
        first.Flush();
        second.Flush();

        // Both processes' idle timers fire at the boundary; only one may close the file.
        _time.Advance(TimeSpan.FromHours(1));
        await first.Archiver.IdleAsync();
        await second.Archiver.IdleAsync();
        Append(second, "after 2");
        Append(first, "after 1");
        second.Flush();
        first.Flush();

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("before 1\nbefore 2\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("after 2\nafter 1\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task TimeBoundary_IsJudgedOnTheSharedFilesStart_NotOnEachWritersOwn()
    {
        await using var first = Writer(s => s.Rotation = "1 h");
        Append(first, "early");
        first.Flush();

        // A writer that joins 50 minutes later still rotates at the file's start + 1 h, not its own start + 1 h.
        _time.Advance(TimeSpan.FromMinutes(50));
        await using var second = Writer(s => s.Rotation = "1 h");
        Append(second, "joined");
        second.Flush();
        _time.Advance(TimeSpan.FromMinutes(11));
        Append(second, "after the boundary");
        second.Flush();

        Assert.Equal("early\njoined\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("after the boundary\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task Watch_FileDeletedUnderBothWriters_FirstToNoticeRecreatesIt_TheOtherFollows()
    {
        await using var first = Writer(s => s.Watch = true);
        await using var second = Writer(s => s.Watch = true);
        Append(first, "1a");
        first.Flush();
        Append(second, "2a");
        second.Flush();
        File.Delete(LogPath);

        Append(first, "1b");
        first.Flush();
        Append(second, "2b");
        second.Flush();

        Assert.Equal("1b\n2b\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task AutoFlush_EachRecordIsInTheFileWhenAppendReturns()
    {
        await using var writer = Writer(s => s.AutoFlush = true);
        Append(writer, "at once");
        Assert.Equal("at once\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task FlushTimer_WritesTheBatchWithinTheFlushInterval()
    {
        await using var writer = Writer();
        Append(writer, "buffered");
        Assert.Equal(string.Empty, File.ReadAllText(LogPath));
        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal("buffered\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public async Task Dispose_WritesThePendingBatch_AndReleasesTheLock()
    {
        var writer = Writer();
        Append(writer, "last words");
        await writer.DisposeAsync();

        Assert.Equal("last words\n", File.ReadAllText(LogPath));
        using var probe = LoguStyle.Files.Shared.SharedFileLock.Open(LoguStyle.Files.Shared.SharedFileLock.PathOf(LogPath));
        Assert.True(probe.TryEnter());
        probe.Exit();
    }

    [Fact]
    public async Task RotateOnShutdown_ClosesTheSharedFile_AndAnotherWriterStartsANewOne()
    {
        await using var stays = Writer();
        var leaves = Writer(s => s.RotateOnShutdown = true);
        Append(stays, "1a");
        stays.Flush();
        Append(leaves, "2a");
        await leaves.DisposeAsync();

        Append(stays, "1b");
        stays.Flush();

        Assert.Equal("1a\n2a\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log")));
        Assert.Equal("1b\n", File.ReadAllText(LogPath));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task LogAndLockFiles_AreCreatedOwnerReadWriteGroupRead()
    {
        await using var writer = Writer(s => s.Rotation = "1 h");
        Append(writer, "x");
        writer.Flush();

        // The archive lock is made by the archive worker, off the writing path, when it runs its first job.
        await writer.Archiver.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        const UnixFileMode expected = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        Assert.All(
            new[] { "app.log", ".app.log.lock", ".app.log.archive-lock" },
            name => Assert.Equal((name, expected), (name, File.GetUnixFileMode(_folder.File(name)))));

        // The start time is kept on the file (an extended attribute), not in a sidecar beside it.
        Assert.False(File.Exists(_folder.File(".app.log.started")));
    }

    [Fact]
    public async Task FolderBlockedByAFile_NothingThrows_TheLossIsCounted_AndWritingResumesOnceItIsGone()
    {
        var blocker = _folder.File("logs");
        await File.WriteAllTextAsync(blocker, "in the way");
        var path = Path.Combine(blocker, "app.log");
        var sink = new FileSinkOptions(path) { Shared = true, Format = "{message}", AutoFlush = true };
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }, _time, _errors);
        var logger = provider.CreateLogger("c");

        // One line a minute for the sink: the start-up line (no record lost yet, no count), then, a minute on, the next
        // failing record's line with the count of every record lost since.
        logger.LogInformation("lost");
        Assert.True(Lines(_errors.ToString()).Length == 1, _errors.ToString());
        _time.Advance(TimeSpan.FromSeconds(61));
        logger.LogInformation("lost too");
        File.Delete(blocker);
        _time.Advance(TimeSpan.FromSeconds(3));
        logger.LogInformation("kept");

        Assert.Equal("kept\n", await File.ReadAllTextAsync(path));
        var lines = Lines(_errors.ToString());
        Assert.Equal(2, lines.Length);
        Assert.Contains($"could not open {path}: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("not written so far", lines[0], StringComparison.Ordinal);
        Assert.Contains("(2 record(s) not written so far)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TornLastRecord_LeftByAKilledWriter_IsCutBeforeTheNextAppend()
    {
        await using var writer = Writer();
        Append(writer, "whole");
        writer.Flush();

        // What a writer killed inside its write leaves: part of a record, no newline.
        await File.AppendAllTextAsync(LogPath, "{\"half a rec");
        Append(writer, "next");
        writer.Flush();

        Assert.Equal("whole\nnext\n", await File.ReadAllTextAsync(LogPath));
        Assert.Contains("removed 12 bytes of a partial record", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrowingRotationPredicate_OnTheFlushTimer_IsCountedNotThrown()
    {
        await using var writer = Writer(s => s.Rotation = Rotation.When(_ => throw new InvalidOperationException("bad predicate")));
        Append(writer, "first");
        Append(writer, "second");

        // The batch is written by the flush timer; a throw there would end the process.
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Contains("bad predicate (2 record(s) not written so far)", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LockHeldByAStoppedProcess_WriterGivesUpAfterTheTimeout_AndResumesOnceItIsFree()
    {
        using var stopped = LoguStyle.Files.Shared.SharedFileLock.Open(LoguStyle.Files.Shared.SharedFileLock.PathOf(LogPath));
        Assert.True(stopped.TryEnter());
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var writer = Writer(s => s.AutoFlush = true, lockTimeout: TimeSpan.FromMilliseconds(100));
        Append(writer, "while stopped");
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(100), $"gave up after {waited.Elapsed}");
        Assert.Contains("held the lock of this shared file for more than", _errors.ToString(), StringComparison.Ordinal);

        // The holder goes on: within one more timeout the writer tries again and gets through.
        stopped.Exit();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(LogPath) || (await File.ReadAllTextAsync(LogPath)).Length == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the writer did not resume");
            await Task.Delay(10);
            Append(writer, "resumed");
        }

        Assert.Equal("resumed\n", await File.ReadAllTextAsync(LogPath));
    }

    [Fact]
    public async Task Reload_TryingToTurnSharedOff_IsReportedAndIgnored()
    {
        await using var writer = Writer();
        writer.Update(FileSettings.From(new FileSinkOptions(LogPath)));
        Append(writer, "still batched");
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(LogPath));
        Assert.Contains("Shared of", _errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("restart to apply it", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_SharedWithTimeTokensInPath_FailsNamingTheKey()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(_folder.File("app-{time:yyyy-MM-dd}.log"), "dated") { Shared = true } } };
        var ex = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, _time));
        Assert.Contains("Shared and {time} tokens in Path cannot be combined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedFileLeftUncompressed_ByAProcessKilledAfterItsRotation_IsCompressedByTheNextRotation()
    {
        // What a process killed between renaming a file and compressing it leaves behind.
        var leftover = _folder.File("app.2026-11-24_08-00-00_000000.log");
        await File.WriteAllTextAsync(leftover, "left behind\n");
        await using var writer = Writer(s =>
        {
            s.Rotation = Rotation.Size(10);
            s.Compression = Compression.GZip;
        });
        await writer.Archiver.IdleAsync();
        File.Move(_folder.File("app.2026-11-24_08-00-00_000000.log.gz"), leftover + ".startup.gz");
        await File.WriteAllTextAsync(leftover, "left behind again\n");

        // A rotation raises the lock's generation before it renames the file (RotatingFile.Rotate): so did the killed one.
        using (var killed = LoguStyle.Files.Shared.SharedFileLock.Open(LoguStyle.Files.Shared.SharedFileLock.PathOf(LogPath)))
        using (killed.Hold())
        {
            killed.Generation++;
        }

        // Not at start-up this time: the next rotation's archiving finds it.
        Append(writer, "first 123");
        writer.Flush();
        Append(writer, "second 12");
        writer.Flush();
        await writer.Archiver.IdleAsync();

        Assert.False(File.Exists(leftover));
        Assert.Equal("left behind again\n", LogFolder.Read(leftover + ".gz"));
        Assert.Equal("left behind\n", LogFolder.Read(leftover + ".startup.gz"));
    }

    [Fact]
    public async Task Retention_ManyArchives_ARotationReadsTheFolderOnlyAfterAnotherProcessChangedIt_AndStaysExact()
    {
        // Issue 14.9: every archive job of a shared file read the folder twice (recovery, then retention): 180 ms a
        // rotation with 20,000 archives. Now only a job after another process's rotation or archiving reads it.
        var earliest = new DateTime(2026, 10, 1);
        for (var i = 0; i < 500; i++)
        {
            File.WriteAllText(_folder.File("app." + earliest.AddMinutes(i).ToString("yyyy-MM-dd_HH-mm-ss_ffffff", System.Globalization.CultureInfo.InvariantCulture) + ".log.gz"), string.Empty);
        }

        void Configure(FileSinkOptions s)
        {
            s.Rotation = Rotation.Size(5);
            s.Compression = Compression.GZip;
            s.Retention = 505;
        }

        await using var first = Writer(Configure);
        await first.Archiver.IdleAsync();
        var scans = first.Archiver.DirectoryScans;
        for (var i = 0; i < 10; i++)
        {
            Append(first, $"a{i:D3}");
            first.Flush();
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await first.Archiver.IdleAsync();
        Assert.Equal(scans, first.Archiver.DirectoryScans);

        // Another process rotates and archives: the first writer's next job reads the folder again, once.
        await using var second = Writer(Configure);
        await second.Archiver.IdleAsync();
        Append(second, "b000");
        second.Flush();
        await second.Archiver.IdleAsync();
        Append(first, "a010");
        first.Flush();
        await first.Archiver.IdleAsync();
        var afterOthers = first.Archiver.DirectoryScans;
        Assert.True(afterOthers > scans, "the first writer did not read the folder after another process changed it");
        Append(first, "a011");
        first.Flush();
        await first.Archiver.IdleAsync();
        Assert.Equal(afterOthers, first.Archiver.DirectoryScans);

        // 500 old archives and 12 closed files (9 + 1 + 2) by both: the 7 oldest went.
        var names = LogFolder.Names(_folder.Path);
        Assert.Equal(505 + 1, names.Length);
        Assert.DoesNotContain("app.2026-10-01_00-06-00_000000.log.gz", names);
        Assert.Contains("app.2026-10-01_00-07-00_000000.log.gz", names);
        Assert.Equal(12, names.Count(n => n.Contains("+0000", StringComparison.Ordinal)));
    }

    [Fact]
    public void Provider_SharedWithTruncate_FailsNamingTheKeyAndWhatIsAccepted()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(LogPath) { Shared = true, Mode = FileOpenMode.Truncate } } };
        var ex = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, _time));
        Assert.Contains("Shared and Mode 'Truncate' cannot be combined", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Append", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_SharedSink_WritesThroughTheSharedFile_EnqueuedOrNot()
    {
        var direct = new FileSinkOptions(LogPath) { Shared = true, Format = "{message}" };
        var queued = new FileSinkOptions(_folder.File("queued.log")) { Shared = true, Format = "{message}", Enqueue = true };
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { direct, queued } }, _time, TextWriter.Null))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("one {N}", 1);
            logger.LogInformation("two {N}", 2);
            await provider.FlushAsync();
            Assert.Equal("one 1\ntwo 2\n", File.ReadAllText(LogPath));
            Assert.Equal("one 1\ntwo 2\n", File.ReadAllText(_folder.File("queued.log")));
        }
    }

    [Fact]
    public async Task WriterWithoutSharedHoldsTheFile_SharedWriterIsRefusedAndReports_AndWritesOnceItHasGone()
    {
        var holder = new WriteBehindFile(LogPath, FileMode.Append, new FileCounts(new SinkStats(), new SinkErrorReporter("private", _time, TextWriter.Null)));
        await using var writer = Writer(s => s.AutoFlush = true);
        Append(writer, "refused");
        Assert.Contains("another writer holds " + LogPath, _errors.ToString(), StringComparison.Ordinal);

        // And the other way round: while a shared writer has the file open, a writer without Shared is refused.
        holder.Dispose();
        _time.Advance(TimeSpan.FromSeconds(2));
        Append(writer, "accepted");
        var ex = Assert.Throws<IOException>(() => new WriteBehindFile(LogPath, FileMode.Append, new FileCounts(new SinkStats(), new SinkErrorReporter("private", _time, TextWriter.Null))));
        Assert.Contains("another writer holds " + LogPath, ex.Message, StringComparison.Ordinal);
        Assert.Equal("accepted\n", File.ReadAllText(LogPath));
    }

    private RotatingFile Writer(Action<FileSinkOptions>? configure = null, TimeSpan? lockTimeout = null)
    {
        var options = new FileSinkOptions(LogPath) { Shared = true };
        configure?.Invoke(options);
        var settings = FileSettings.From(options) with { SharedLockTimeout = lockTimeout };
        var file = new RotatingFile(PathTemplate.Parse(LogPath), settings, _time, new SinkStats(), new SinkErrorReporter("app", _time, _errors));

        // As the sink factory does once a sink set is built.
        file.Archiver.Recover();
        return file;
    }

    private void Append(RotatingFile file, string record) =>
        file.Append(Encoding.UTF8.GetBytes(record + "\n"), isCall: true, _time.GetUtcNow());

    // The lines about the file's open and its records (the archive worker may also say, once, that it could not archive).
    private static string[] Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => line.Contains("could not open", StringComparison.Ordinal) || line.Contains("could not write a record", StringComparison.Ordinal))];
}
