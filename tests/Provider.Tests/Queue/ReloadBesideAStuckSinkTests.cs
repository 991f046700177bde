using System.Collections.Concurrent;
using System.Security.Cryptography;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Outside re-test 15d, defect 1: a reload that gave up on a stuck Wait-mode sink made a healthy Wait-mode sink beside
/// it drop 1-3 records. The callers the stuck queue let go at half the bound went on into the healthy old queue, whose
/// waiting time had ended too, and a queue full for an instant (capacity 1, its writer busy) dropped their records.
/// </summary>
public sealed class ReloadBesideAStuckSinkTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // What the healthy sink hashes for each record: it keeps up, but is busy for a moment with each.
    private static readonly byte[] Work = new byte[256 * 1024];

    private readonly string _id = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Reload_GivesUpOnAStuckWaitModeSink_TheHealthyWaitModeSinkAfterItDropsNothing()
    {
        using var release = new ManualResetEventSlim();
        using var meter = new SinkMeter();
        var stuck = 0;
        var healthy = new ConcurrentQueue<string>();
        var (stuckName, healthyName) = ($"stuck-{_id}", $"healthy-{_id}");
        LoguStyleLoggerOptions Options() => new()
        {
            DisposeTimeout = TimeSpan.FromSeconds(1),
            Sinks =
            {
                new DelegateSinkOptions(stuckName, _ =>
                {
                    if (Volatile.Read(ref stuck) == 1)
                    {
                        release.Wait();
                    }
                }) { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.Wait },
                new DelegateSinkOptions(healthyName, record =>
                {
                    SHA256.HashData(Work);
                    healthy.Enqueue(record.Message);
                }) { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.Wait },
            },
        };
        var provider = new LoguStyleLoggerProvider(Options(), TimeProvider.System, TextWriter.Null);
        try
        {
            var logger = provider.CreateLogger("c");
            Volatile.Write(ref stuck, 1);

            // Six calls: one in the stuck sink's hands, one queued, four asleep for room.
            var threads = Enumerable.Range(0, 6).Select(i => new Thread(() => logger.LogInformation("held {I}", i)) { IsBackground = true }).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            Assert.True(
                SpinWait.SpinUntil(() => threads.Count(t => !t.IsAlive) == 2 && threads.Count(t => t.ThreadState.HasFlag(ThreadState.WaitSleepJoin)) == 4, Deadline),
                "the calls never piled up behind the stuck sink");

            await Task.Run(() => provider.Reconfigure(Options())).WaitAsync(Deadline);
            Assert.All(threads, thread => Assert.True(thread.Join(Deadline)));

            Assert.Equal(0, meter.Read("logustyle.records.dropped", healthyName));
            Assert.True(SpinWait.SpinUntil(() => healthy.Count == 6, Deadline), $"the healthy sink wrote {healthy.Count} of 6");
        }
        finally
        {
            release.Set();
            await provider.DisposeAsync();
        }
    }
}
