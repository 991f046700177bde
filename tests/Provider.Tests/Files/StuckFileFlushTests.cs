using System.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Testing;
using LoguStyle.Tests.Diagnostics;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Files;

/// <summary>
/// The public <see cref="LoguStyleLoggerProvider.FlushAsync"/> while a direct file sink's write never returns and holds
/// the file's lock (see <see cref="StuckFileWrite"/>): once, and again and again (a health check with a timeout each
/// time). Runs alone: two tests count the process's threads, which tests beside them would change.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class StuckFileFlushTests(ITestOutputHelper output)
{
    private const int Calls = 50;

    // One thread blocked on the stuck file's lock, the short-lived flush threads of the file beside it that may not have
    // ended yet, and a pool thread or two the awaits may add.
    private const int MostThreadsAdded = 8;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static readonly string[] Expected = [.. Enumerable.Range(0, 100).Select(i => $"record {i}"), "held"];

    [Fact]
    public async Task FlushAsync_DirectFileSinkStuckInItsWrite_ReturnsItsTaskAtOnce_TheTokenEndsTheWait_NoRecordIsLost()
    {
        using var folder = new TempFolder();
        using var stuck = new StuckFileWrite();
        await using var provider = StuckBesideAFile(folder, stuck);
        var held = HoldAWrite(provider, stuck);
        try
        {
            using var cancel = new CancellationTokenSource();

            // Called on the pool: a call that blocks fails the test at the deadline instead of hanging it.
            var (flush, took) = await Task.Run(() =>
            {
                var clock = Stopwatch.StartNew();
                var task = provider.FlushAsync(cancel.Token);
                return (task, clock.Elapsed);
            }).WaitAsync(Deadline);
            Assert.True(took < TimeSpan.FromSeconds(1), $"FlushAsync took {took.TotalSeconds:0.00} s to return its task");
            Assert.False(flush.IsCompleted);

            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush.WaitAsync(Deadline));
        }
        finally
        {
            stuck.Release();
            held.Join(Deadline);
        }

        await FlushedWithEveryRecord(provider, folder);
    }

    /// <summary>Each call started a thread of its own, which stayed blocked on the file's lock: 50 calls, 50 threads.</summary>
    [Fact]
    public async Task FlushAsync_50TimesWithTokensThatEndTheWait_WhileADirectFileSinkIsStuck_AddsAtMostAFewThreads_NoRecordIsLost()
    {
        using var folder = new TempFolder();
        using var stuck = new StuckFileWrite();
        await using var provider = StuckBesideAFile(folder, stuck);
        var held = HoldAWrite(provider, stuck);
        try
        {
            var before = ThreadCount();
            await FlushesGivenUpAtOnce(provider);
            AssertFewAdded(ThreadCount() - before, "flushes");
        }
        finally
        {
            stuck.Release();
            held.Join(Deadline);
        }

        await FlushedWithEveryRecord(provider, folder);
    }

    /// <summary>
    /// Dispose after those flushes: its flush joins the one waiting, and its late close of the stuck sink waits for them
    /// without a thread of its own (it had one, and one more for its flush); the sink is closed, its buffer written, once
    /// the write returns.
    /// </summary>
    [Fact]
    public async Task Dispose_After50FlushesOfAStuckDirectFileSink_AddsNoThreadForItsFlushOrLateClose_TheFileIsClosedOnceTheWriteReturns()
    {
        using var folder = new TempFolder();
        using var stuck = new StuckFileWrite();
        var provider = StuckBesideAFile(folder, stuck, TimeSpan.FromSeconds(1));
        var held = HoldAWrite(provider, stuck);
        try
        {
            var before = ThreadCount();
            await FlushesGivenUpAtOnce(provider);
            await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
            AssertFewAdded(ThreadCount() - before, "flushes and the dispose");
        }
        finally
        {
            stuck.Release();
            held.Join(Deadline);
        }

        await Loopback.WaitUntil(() => File.ReadAllLines(folder.File("stuck.log")).Length == Expected.Length, Deadline);
        Assert.Equal(Expected, File.ReadAllLines(folder.File("stuck.log")));
    }

    /// <summary>A direct file sink that can be stuck, a text file after it, both holding 100 records.</summary>
    private static LoguStyleLoggerProvider StuckBesideAFile(TempFolder folder, StuckFileWrite stuck, TimeSpan? disposeTimeout = null)
    {
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                DisposeTimeout = disposeTimeout,
                Sinks =
                {
                    stuck.Sink(folder.File("stuck.log"), "stuck"),
                    new FileSinkOptions(folder.File("app.log")) { Format = "{message}" },
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("record {Index}", i);
        }

        return provider;
    }

    /// <summary>A thread whose call (<c>held</c>) is stuck in the file's write, holding its lock, until the test releases it.</summary>
    private static Thread HoldAWrite(LoguStyleLoggerProvider provider, StuckFileWrite stuck)
    {
        var logger = provider.CreateLogger("c");
        stuck.Arm();
        var held = new Thread(() => logger.LogInformation("held")) { IsBackground = true };
        held.Start();
        Assert.True(stuck.WaitEntered(Deadline));
        return held;
    }

    /// <summary>Flushes whose callers give up at once: each token ends its caller's wait, never the flush.</summary>
    private static async Task FlushesGivenUpAtOnce(LoguStyleLoggerProvider provider)
    {
        for (var i = 0; i < Calls; i++)
        {
            using var cancel = new CancellationTokenSource();
            var flush = provider.FlushAsync(cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush.WaitAsync(Deadline));
        }
    }

    /// <summary>Once the write returned: a flush completes, and both files hold every record, the held one too.</summary>
    private static async Task FlushedWithEveryRecord(LoguStyleLoggerProvider provider, TempFolder folder)
    {
        await provider.FlushAsync().WaitAsync(Deadline);
        Assert.Equal(Expected, File.ReadAllLines(folder.File("stuck.log")));
        Assert.Equal(Expected, File.ReadAllLines(folder.File("app.log")));
    }

    private void AssertFewAdded(int added, string what)
    {
        output.WriteLine($"threads added: {added}");
        Assert.True(added <= MostThreadsAdded, $"{Calls} {what} of a stuck sink added {added} threads");
    }

    private static int ThreadCount()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }
}
