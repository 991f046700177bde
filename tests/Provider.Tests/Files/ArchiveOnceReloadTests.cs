using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Reloads that flip <c>Compression</c> (and <c>Enqueue</c>) while threads log: every closed file is archived exactly
/// once across the whole set, and every record is in exactly one file (issue 13, item 9).
/// </summary>
public sealed partial class ArchiveOnceReloadTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reloads_FlippingCompression_ArchiveEachClosedFileOnce_AndKeepEveryRecordOnce()
    {
        const int threads = 4;
        const int perThread = 15_000;
        const int leastReloads = 10;
        var provider = new LoguStyleLoggerProvider(Options(0), TimeProvider.System, TextWriter.Null);
        var reloads = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);

        // Each thread logs its records, and goes on until the reloads below have come: on an idle machine the 60,000
        // records took less than the time of five reloads, and the test failed for too few of them.
        var writers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                var logger = provider.CreateLogger("c");
                var i = 0;
                for (; i < perThread || (Volatile.Read(ref reloads) < leastReloads && DateTime.UtcNow < deadline); i++)
                {
                    logger.LogInformation("t{Thread} {Index} padding padding padding", t, i);
                }

                return i;
            },
            TaskCreationOptions.LongRunning)).ToArray();
        while (!writers.All(w => w.IsCompleted))
        {
            provider.Reconfigure(Options(Interlocked.Increment(ref reloads)));
            await Task.Delay(10);
        }

        var logged = (await Task.WhenAll(writers)).Sum();
        await provider.DisposeAsync();
        Assert.True(reloads >= leastReloads, $"only {reloads} reloads");

        foreach (var extension in new[] { ".log", ".json" })
        {
            var names = LogFolder.Names(_folder.Path).Where(n => n.Contains(extension, StringComparison.Ordinal)).ToList();
            var byClosedFile = names.GroupBy(n => ArchiveSuffix().Replace(n, string.Empty)).ToList();
            Assert.All(byClosedFile, g => Assert.True(g.Count() == 1, $"{g.Key} exists as {string.Join(", ", g)}"));
            Assert.True(names.Count > 10, $"only {names.Count} {extension} files");

            var lines = LogFolder.Files(_folder.Path)
                .Where(f => Path.GetFileName(f).Contains(extension, StringComparison.Ordinal))
                .SelectMany(f => LogFolder.Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .ToList();
            Assert.Equal(logged, lines.Count);
            Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public async Task Reload_SinkRemovedWhileCompressing_ThenBackWithAnotherCompression_ArchivesEachClosedFileOnce()
    {
        // The removed sink's archive worker is still compressing (gz) when the sink comes back with zip: the new
        // worker's start-up recovery must leave the files the old one has claimed.
        var compressing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowGz = Compression.Custom(".gz", (source, destination) =>
        {
            using var input = File.OpenRead(source);
            compressing.TrySetResult();
            proceed.Task.Wait(TimeSpan.FromSeconds(30));
            using var output = new System.IO.Compression.GZipStream(File.Create(destination), System.IO.Compression.CompressionLevel.Fastest);
            input.CopyTo(output);
        });
        var path = _folder.File("app.log");
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Format = "{message}", Rotation = "5 B", Compression = slowGz, RotateOnShutdown = true } } },
            TimeProvider.System,
            TextWriter.Null);
        var logger = provider.CreateLogger("c");
        logger.LogInformation("first");
        logger.LogInformation("second");
        await compressing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var removal = Task.Run(() => provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new LoguStyle.DelegateSinkOptions("none", _ => { }) } }));

        // Closing the removed sink's file (after its registry entry is gone) rotates it away: the sink is out.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (File.Exists(path) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.False(File.Exists(path), "the removed sink did not close its file");

        // Neither reload waits for the old compression, which is still held: the removal returns once the file is
        // closed, and the sink comes back at once (the old worker finishes in the background; dispose waits for it).
        // Both used to wait for it, up to the worker's 30 s bound: the second reload's open waited for the old file's
        // close, which waited for its archive worker.
        await removal.WaitAsync(TimeSpan.FromSeconds(10));
        var reload = System.Diagnostics.Stopwatch.StartNew();
        provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Format = "{message}", Rotation = "5 B", Compression = "zip" } } });
        Assert.True(reload.Elapsed < TimeSpan.FromSeconds(10), $"bringing the sink back took {reload.Elapsed}");
        var returned = provider.CurrentSinks.OfType<LoguStyle.Sinks.FileSink>().Single();

        // The new sink's recovery runs while the old compression still holds its file: it must leave it to the old worker.
        await returned.File.Archiver.IdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        proceed.TrySetResult();
        logger.LogInformation("third");
        await provider.DisposeAsync();

        var names = LogFolder.Names(_folder.Path);
        var byClosedFile = names.GroupBy(n => ArchiveSuffix().Replace(n, string.Empty)).ToList();
        Assert.All(byClosedFile, g => Assert.True(g.Count() == 1, $"{g.Key} exists as {string.Join(", ", g)}"));
        Assert.Equal(
            ["first", "second", "third"],
            LogFolder.AllLines(_folder.Path).Order(StringComparer.Ordinal));
    }

    private LoguStyleLoggerOptions Options(int reload) => new()
    {
        Sinks =
        {
            new FileSinkOptions(_folder.File("app.log"))
            {
                Format = "{message}",
                Rotation = reload % 3 == 0 ? "8 KB" : "4 KB",
                Compression = reload % 2 == 0 ? "gz" : "zip",
                Enqueue = reload % 4 < 2,
            },
            new FileSinkOptions(_folder.File("app.json"))
            {
                Serialize = true,
                Rotation = "16 KB",
                Compression = reload % 2 == 1 ? "gz" : "zip",
                Enqueue = reload % 4 >= 2,
            },
        },
    };

    [GeneratedRegex(@"\.(gz|zip)$")]
    private static partial Regex ArchiveSuffix();
}
