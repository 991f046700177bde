using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Files.Shared;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Real processes (tests/Provider.TestApp) writing one <see cref="FileSinkOptions.Shared"/> file at once: every record of
/// every process found exactly once, whole, in its process's order, across the active, rotated and compressed files.
/// </summary>
[Trait("Category", "Stress")]
public partial class SharedFileProcessTests : IDisposable
{
    private const int Records = 50_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly string[] Tags = ["A", "B", "C", "D"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FourProcesses_256KiBRotationAndGz_EveryRecordOnceWholeInOrder_NoFileOverTheLimit()
    {
        const int Limit = 256 * 1024;
        var path = _folder.File("app.log");

        // Two of them write on the caller's thread, two through an enqueued sink.
        var writers = Tags.Select((tag, i) => StartWriter(path, tag, Records, "rotation=256 KiB", "compression=gz", $"enqueue={i % 2 == 1}")).ToList();
        await ExitAllAsync(writers);

        var files = SharedLog.ReadInOrder(_folder.Path);
        SharedLog.AssertEveryRecordOnceInOrder(files, Tags.ToDictionary(t => t, _ => Records));
        Assert.All(files, f => Assert.True(f.Bytes <= Limit, $"{f.Name} holds {f.Bytes} bytes, over the {Limit} limit"));
        Assert.All(files.SkipLast(1), f => Assert.EndsWith(".gz", f.Name, StringComparison.Ordinal));
        Assert.Equal("app.log", files[^1].Name);

        // 200,000 records of ~70 bytes fill about 53 files: every process saw rotations done by the others.
        Assert.InRange(files.Count, 45, 60);
    }

    [Fact]
    public async Task FourProcesses_IntervalRotation_OneRotationPerBoundary_EveryRecordOnceInOrder()
    {
        var interval = TimeSpan.FromMilliseconds(150);
        var path = _folder.File("app.log");
        var writers = Tags.Select((tag, i) => StartWriter(path, tag, Records, "rotation=150 ms", $"enqueue={i % 2 == 0}", "pause-every=1000", "pause-ms=15")).ToList();
        await ExitAllAsync(writers);

        var files = SharedLog.ReadInOrder(_folder.Path);
        SharedLog.AssertEveryRecordOnceInOrder(files, Tags.ToDictionary(t => t, _ => Records));
        var starts = files.Where(f => f.Started is not null).Select(f => f.Started!.Value).ToList();
        Assert.True(starts.Count >= 3, $"only {starts.Count} rotations in the run");

        // A file is closed only when a record reaches its start + interval, by whichever process writes first: two
        // processes rotating at one boundary would leave files started less than one interval apart.
        for (var i = 1; i < starts.Count; i++)
        {
            Assert.True(starts[i] - starts[i - 1] >= interval, $"files started at {starts[i - 1]:HH:mm:ss.ffffff} and {starts[i]:HH:mm:ss.ffffff}");
        }
    }

    [Fact]
    public async Task HolderOfTheLockKilled_LockIsFree_AndWritersCarryOn()
    {
        var path = _folder.File("app.log");
        using var holder = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["hold-lock", path], _folder.Path);
        await holder.WaitForLineAsync(l => l == "holding", Deadline);
        using var probe = SharedFileLock.Open(SharedFileLock.PathOf(path));
        Assert.False(probe.TryEnter(), "the holder should hold the lock");

        using var writer = StartWriter(path, "A", 2_000, "progress=1000");
        await holder.KillAsync(Deadline);

        Assert.Equal(0, await writer.WaitForExitAsync(Deadline));
        Assert.True(probe.TryEnter(), "the lock should be free once its holder died and the writer finished");
        probe.Exit();
        SharedLog.AssertEveryRecordOnceInOrder(SharedLog.ReadInOrder(_folder.Path), new Dictionary<string, int> { ["A"] = 2_000 });
    }

    [Fact]
    public async Task OneOfFourWritersKilledMidRun_OthersWriteEverything_ItsRecordsAreAWholePrefix()
    {
        var path = _folder.File("app.log");
        using var victim = StartWriter(path, "V", 10_000_000, "rotation=256 KiB", "compression=gz", "progress=5000");
        var others = Tags.Take(3).Select(tag => StartWriter(path, tag, Records, "rotation=256 KiB", "compression=gz")).ToList();
        await victim.WaitForLineAsync(l => l == "logged 20000", Deadline);
        await victim.KillAsync(Deadline);
        // A writer killed in the middle of a record leaves part of it at the end of the file; the next writer to take
        // the lock cuts it and says so on stderr (docs/configuration.md), so that report, and nothing else, may appear.
        await ExitAllAsync(others, partialRecordRepairReported: true);

        var files = SharedLog.ReadInOrder(_folder.Path);
        var logged = SharedLog.AssertEveryRecordOnceInOrder(files, Tags.Take(3).ToDictionary(t => t, _ => Records), prefixOnly: "V");
        Assert.True(logged["V"] >= 20_000, $"the killed process had flushed 20,000 records; {logged["V"]} found");
    }

    private RunningProcess StartWriter(string path, string tag, int records, params string[] settings) =>
        RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["shared", path, records.ToString(CultureInfo.InvariantCulture), tag, .. settings], _folder.Path);

    private static async Task ExitAllAsync(List<RunningProcess> writers, bool partialRecordRepairReported = false)
    {
        try
        {
            var codes = await Task.WhenAll(writers.Select(w => w.WaitForExitAsync(Deadline)));
            Assert.All(codes.Zip(writers), c => Assert.True(c.First == 0, $"writer {c.Second.Id} exited {c.First}: {c.Second.StandardError}"));
            Assert.All(writers, w => Assert.All(
                w.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                line => Assert.True(
                    partialRecordRepairReported && line.StartsWith("LoguStyle: removed ", StringComparison.Ordinal) && line.Contains("bytes of a partial record", StringComparison.Ordinal),
                    $"writer {w.Id} wrote to stderr: {line}")));
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }
}
