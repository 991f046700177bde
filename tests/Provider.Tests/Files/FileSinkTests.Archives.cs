using System.Diagnostics;
using System.IO.Compression;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

public partial class FileSinkTests
{
    [Theory]
    [InlineData("gz")]
    [InlineData("zip")]
    [InlineData("br")]
    public void Compression_ClosedFiles_BecomeArchivesThatHoldEveryRecord(string compression)
    {
        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "200 B";
            s.Compression = compression;
        })))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 40; i++)
            {
                logger.LogInformation("compressed record {Index:D3}", i);
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var names = LogFolder.Names(_folder.Path);
        var archives = names.Where(n => n.EndsWith("." + compression, StringComparison.Ordinal)).ToList();
        Assert.True(archives.Count >= 4, $"{archives.Count} archives");
        Assert.Equal(names.Length - 1, archives.Count);
        Assert.DoesNotContain(names, n => n.EndsWith(".part", StringComparison.Ordinal));
        Assert.Equal(
            Enumerable.Range(0, 40).Select(i => $"compressed record {i:D3}"),
            LogFolder.AllLines(_folder.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compression_Gz_PassesTheSystemGzipTest()
    {
        WriteRotatedArchives("gz");

        foreach (var archive in Directory.GetFiles(_folder.Path, "*.gz"))
        {
            var result = RunTool("gzip", "-t", archive);
            Assert.True(result is null or 0, $"gzip -t {archive} exited {result}");
        }
    }

    [Fact]
    public void Compression_Zip_PassesTheSystemUnzipTest_AndHoldsTheClosedFileByName()
    {
        WriteRotatedArchives("zip");

        foreach (var archive in Directory.GetFiles(_folder.Path, "*.zip"))
        {
            using (var zip = ZipFile.OpenRead(archive))
            {
                Assert.Equal(Path.GetFileNameWithoutExtension(archive), Assert.Single(zip.Entries).Name);
            }

            var result = RunTool("unzip", "-tq", archive);
            Assert.True(result is null or 0, $"unzip -t {archive} exited {result}");
        }
    }

    [Fact]
    public void Recovery_HalfWrittenArchive_IsDeletedAndTheClosedFileCompressedAgain()
    {
        var closed = _folder.File("app.2026-11-20_10-00-00_000000.log");
        File.WriteAllText(closed, "survived a crash\n");
        File.WriteAllText(closed + ".gz.part", "half an archive");

        using (Provider(Sink(s => s.Compression = "gz")))
        {
        }

        Assert.Equal(["app.2026-11-20_10-00-00_000000.log.gz", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("survived a crash\n", LogFolder.Read(closed + ".gz"));
    }

    [Fact]
    public void Recovery_CompleteArchiveBesideItsClosedFile_DeletesTheClosedFile()
    {
        var closed = _folder.File("app.2026-11-20_10-00-00_000000.log");
        File.WriteAllText(closed, "already archived\n");
        using (var gz = new GZipStream(File.Create(closed + ".gz"), CompressionLevel.Fastest))
        {
            gz.Write("already archived\n"u8);
        }

        using (Provider(Sink(s => s.Compression = "gz")))
        {
        }

        Assert.Equal(["app.2026-11-20_10-00-00_000000.log.gz", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("already archived\n", LogFolder.Read(closed + ".gz"));
    }

    [Fact]
    public void Compression_FailingCustomCompressor_KeepsTheClosedFileAndReports()
    {
        var errors = LogThroughAFailingCompressor("first", "second");

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Contains("archiving for", errors, StringComparison.Ordinal);
        Assert.Contains("compressor broke", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Compression_CompressorThatAlwaysFails_IsReportedOncePerMinute_AndKeepsEveryClosedFile()
    {
        var errors = LogThroughAFailingCompressor([.. Enumerable.Range(0, 30).Select(i => $"record {i}")]);

        // 29 closed files, each failing to compress, within one (fake) minute: one line.
        Assert.Equal(30, LogFolder.Names(_folder.Path).Length);
        Assert.Single(errors.Split('\n'), line => line.Contains("archiving for", StringComparison.Ordinal));
    }

    /// <summary>Logs each message into a sink that rotates per record and whose compressor throws; returns stderr.</summary>
    private string LogThroughAFailingCompressor(params string[] messages)
    {
        var errors = new StringWriter();
        using (var provider = Provider(
            Sink(s =>
            {
                s.Rotation = "5 B";
                s.Compression = Compression.Custom("xz", (_, _) => throw new IOException("compressor broke"));
            }),
            errors))
        {
            var logger = provider.CreateLogger("c");
            foreach (var message in messages)
            {
#pragma warning disable CA2254 // The test logs fixed texts.
                logger.LogInformation(message);
#pragma warning restore CA2254
            }
        }

        return errors.ToString();
    }

    [Fact]
    public void Compression_Custom_WritesItsArchiveUnderItsExtension()
    {
        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "5 B";
            s.Compression = Compression.Custom(".copy", File.Copy);
        })))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("first");
            logger.LogInformation("second");
        }

        Assert.Equal(["app.2026-11-24_09-10-00_000000+0000.log.copy", "app.log"], LogFolder.Names(_folder.Path));
        Assert.Equal("first\n", File.ReadAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log.copy")));
    }

    [Fact]
    public void Retention_Count_KeepsTheNewestOfThisSinksFilesOnly()
    {
        string[] unrelated = ["app.log.bak", "other.log", "app-notes.txt", "other.2026-11-01_00-00-00_000000.log"];
        foreach (var name in unrelated)
        {
            File.WriteAllText(_folder.File(name), "not ours\n");
        }

        using (var provider = Provider(Sink(s =>
        {
            s.Rotation = "5 B";
            s.Retention = 2;
        })))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 6; i++)
            {
                logger.LogInformation("r{Index}", i);
                _time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var names = LogFolder.Names(_folder.Path);
        Assert.Equal(
            ["app-notes.txt", "app.2026-11-24_09-10-03_000000+0000.log", "app.2026-11-24_09-10-04_000000+0000.log", "app.log", "app.log.bak", "other.2026-11-01_00-00-00_000000.log", "other.log"],
            names);
        Assert.Equal("r5\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Retention_Age_RunsAtStartUpAgainstTheInjectedClock()
    {
        var old = _folder.File("app.2026-11-01_00-00-00_000000.log.gz");
        var recent = _folder.File("app.2026-11-20_00-00-00_000000.log.gz");
        File.WriteAllText(old, "x");
        File.WriteAllText(recent, "x");
        File.SetLastWriteTimeUtc(old, _time.GetUtcNow().AddDays(-12).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, _time.GetUtcNow().AddDays(-3).UtcDateTime);

        using (Provider(Sink(s => s.Retention = "10 days")))
        {
        }

        Assert.Equal(["app.2026-11-20_00-00-00_000000.log.gz", "app.log"], LogFolder.Names(_folder.Path));
    }

    [Fact]
    public void Retention_Predicate_GetsEachClosedFile()
    {
        File.WriteAllText(_folder.File("app.2026-11-01_00-00-00_000000.log"), "big file\n");
        File.WriteAllText(_folder.File("app.2026-11-02_00-00-00_000000.log"), "s\n");

        using (Provider(Sink(s => s.Retention = Retention.Where(f => f.Length > 5))))
        {
        }

        Assert.Equal(["app.2026-11-02_00-00-00_000000.log", "app.log"], LogFolder.Names(_folder.Path));
    }

    [Fact]
    public async Task Retention_ThousandsOfArchives_ARotationScansNoFolder_AndRetentionStaysExact()
    {
        // Issue 14.9: retention after each rotation read the whole folder (110 ms a rotation with 20,000 archives).
        var earliest = new DateTime(2026, 10, 1);
        for (var i = 0; i < 3_000; i++)
        {
            File.WriteAllText(_folder.File("app." + earliest.AddMinutes(i).ToString("yyyy-MM-dd_HH-mm-ss_ffffff", System.Globalization.CultureInfo.InvariantCulture) + ".log.gz"), string.Empty);
        }

        using var provider = Provider(Sink(s =>
        {
            s.Rotation = "2 B";
            s.Compression = "gz";
            s.Retention = 3_010;
        }));
        var archiver = ((LoguStyle.Sinks.FileSink)Assert.Single(provider.CurrentSinks)).File.Archiver;
        await archiver.IdleAsync();
        var scansAtStart = archiver.DirectoryScans;
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 50; i++)
        {
            logger.LogInformation("r{Index}", i);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await archiver.IdleAsync();

        Assert.Equal(scansAtStart, archiver.DirectoryScans);
        var names = LogFolder.Names(_folder.Path);
        Assert.Equal(3_010 + 1, names.Length);
        Assert.DoesNotContain("app.2026-10-01_00-38-00_000000.log.gz", names);
        Assert.Contains("app.2026-10-01_00-39-00_000000.log.gz", names);
        Assert.Equal(49, names.Count(n => n.Contains("+0000", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Dispose_CompressionPastItsBound_SaysHowManyClosedFilesAreLeft_AndTheNextStartCompressesThem()
    {
        // Issue 14.9: a dispose that gives up must say exactly what is left, and the next start must finish it. The
        // bound (30 s) runs on the sink's clock; the compressor blocks until the test lets it go, then fails as if its
        // process had ended there.
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocking = Compression.Custom(".gz", (_, _) =>
        {
            entered.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(60));
            throw new IOException("the process ended before this archive was written");
        });
        var errors = new StringWriter();
        var provider = Provider(Sink(s => { s.Rotation = "2 B"; s.Compression = blocking; }), TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 5; i++)
        {
            logger.LogInformation("r{Index}", i);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var closed = LogFolder.Files(_folder.Path).Where(f => !f.EndsWith("app.log", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, closed.Length);

        var disposing = provider.DisposeAsync().AsTask();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!disposing.IsCompleted && DateTime.UtcNow < deadline)
        {
            // The bound's timer is armed once dispose reaches the worker: move the sink's clock until it has passed.
            _time.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(disposing, Task.Delay(20));
        }

        try
        {
            Assert.True(disposing.IsCompleted, "dispose did not give up at its bound on the sink's clock");
            await disposing;
            var report = errors.ToString();
            Assert.Contains("did not finish within 30 s: 4 closed file(s) are not yet compressed (", report, StringComparison.Ordinal);
            Assert.All(closed, path => Assert.Contains(Path.GetFileName(path), report, StringComparison.Ordinal));
            Assert.Contains("the next start of this sink compresses them", report, StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
        }

        // The worker goes on after dispose gave up; here it fails on each file, as a process that ended would leave them.
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var probe = new object();
        while (closed.Any(path => ArchiveClaims.IsClaimedByAnother(path, probe)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.All(closed, path => Assert.True(File.Exists(path)));
        using var next = Provider(Sink(s => { s.Rotation = "2 B"; s.Compression = "gz"; }));
        await ((LoguStyle.Sinks.FileSink)Assert.Single(next.CurrentSinks)).File.Archiver.IdleAsync();

        Assert.All(closed, path => Assert.False(File.Exists(path)));
        Assert.Equal(["r0\n", "r1\n", "r2\n", "r3\n"], closed.Select(path => LogFolder.Read(path + ".gz")));
    }

    private void WriteRotatedArchives(string compression)
    {
        using var provider = Provider(Sink(s =>
        {
            s.Rotation = "300 B";
            s.Compression = compression;
        }));
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 30; i++)
        {
            logger.LogInformation("archived line {Index} ✓ ünïcode", i);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Runs a system tool when the machine has it; null when it does not.</summary>
    private static int? RunTool(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
