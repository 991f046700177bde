using System.Collections.Concurrent;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>What <c>Enqueue: true</c> gives when nothing else is set (README.md: a queue of 10,000 records that waits rather than drops).</summary>
public class QueueDefaultsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Enqueue_NothingElseSet_HoldsTenThousandRecords_ThenTheCallerWaits_AndNothingIsDropped()
    {
        using var release = new ManualResetEventSlim();
        var delivered = new ConcurrentQueue<string>();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new DelegateSinkOptions("slow", r => { release.Wait(); delivered.Enqueue(r.Message); }) { Enqueue = true } },
        });
        var logger = provider.CreateLogger("c");
        var queued = (QueuedSink)provider.CurrentSinks.Single();

        // One record in the blocked writer's hands, 10,000 in the queue, and the 10,002nd call waits for room.
        var producer = Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 10_002; i++)
                {
                    logger.LogInformation("{I}", i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        Assert.True(SpinWait.SpinUntil(() => queued.Stats.QueueLength!() == 10_000, Deadline));
        Assert.False(producer.IsCompleted);
        Assert.Equal(0, queued.Stats.Dropped);

        release.Set();
        await producer.WaitAsync(Deadline);
        await provider.FlushAsync().WaitAsync(Deadline);
        await provider.DisposeAsync();

        Assert.Equal(10_002, delivered.Count);
        Assert.Equal(0, queued.Stats.Dropped);
    }
}
