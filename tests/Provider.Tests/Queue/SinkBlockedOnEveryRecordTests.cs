using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Issue 15 (fix15j's new defect): a sink that blocks on every record, the drop report included (a hung network). The
/// writer took a record out of the channel, then blocked in the in-band drop report before it counted the take: the
/// counts said full while the channel was empty, and every DropOldest caller spun in RemoveOldest for as long as the
/// sink hung (4 threads, 0 calls in 5 s, 4 of 8 runs). A logging call in a drop mode must keep returning.
/// </summary>
public class SinkBlockedOnEveryRecordTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private const int Threads = 4;

    // Calls each thread must finish while the sink is stuck in the drop report: a spinning caller finishes none.
    private const int CallsWhileStuck = 200;

    [Theory]
    [InlineData(QueueFullMode.DropOldest, 1)]
    [InlineData(QueueFullMode.DropOldest, 2)]
    [InlineData(QueueFullMode.DropOldest, 3)]
    [InlineData(QueueFullMode.DropWrite, 1)]
    [InlineData(QueueFullMode.DropWrite, 3)]
    public async Task SinkStuckInTheDropReport_CallsKeepReturning_AndTheCountsAddUp(QueueFullMode mode, int capacity)
    {
        using var permits = new SemaphoreSlim(0);
        using var inReport = new ManualResetEventSlim();
        using var inFirst = new ManualResetEventSlim();
        var open = false;
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new DelegateSinkOptions("hung", r =>
                    {
                        (r.Category == "LoguStyle" ? inReport : inFirst).Set();
                        if (!Volatile.Read(ref open))
                        {
                            permits.Wait();
                        }
                    })
                    { Enqueue = true, QueueCapacity = capacity, QueueFullMode = mode },
                },
            },
            TimeProvider.System,
            TextWriter.Null);
        var queued = (QueuedSink)provider.CurrentSinks.Single();
        var logger = provider.CreateLogger("c");

        // The first record blocks the writer; records behind it fill the queue and then drop.
        logger.LogInformation("first");
        Assert.True(inFirst.Wait(Deadline));
        for (var i = 0; i < capacity + 5; i++)
        {
            logger.LogInformation("fill");
        }

        // One record returns: the writer reads the next one and reports the drops in the sink, where it hangs.
        permits.Release();
        Assert.True(inReport.Wait(Deadline), "the writer never reached its in-band drop report");

        var calls = new long[Threads];
        var stop = false;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                logger.LogInformation("r");
                Interlocked.Increment(ref calls[t]);
            }
        })
        { IsBackground = true }).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        var allReturned = SpinWait.SpinUntil(() => Enumerable.Range(0, Threads).All(t => Interlocked.Read(ref calls[t]) >= CallsWhileStuck), Deadline);
        var seen = Enumerable.Range(0, Threads).Select(t => Interlocked.Read(ref calls[t])).ToArray();

        // Free the sink whatever happened, so a failing run ends and its threads leave.
        Volatile.Write(ref stop, true);
        Volatile.Write(ref open, true);
        permits.Release(1000);
        foreach (var thread in threads)
        {
            Assert.True(thread.Join(Deadline), "a logging thread never returned after the sink was freed");
        }

        Assert.True(allReturned, $"calls made while the sink hung in its drop report, per thread: {string.Join(' ', seen)} (each needs {CallsWhileStuck})");

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        var total = 1 + capacity + 5 + calls.Sum();
        Assert.Equal(total, queued.Stats.Written + queued.Stats.Dropped + queued.Errors.FailedRecords);
    }
}
