using System.Collections.Concurrent;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

public class QueuedSinkTests
{
    [Fact]
    public async Task AsyncDelegate_RecordsArriveInOrderPerThread()
    {
        var seen = new ConcurrentQueue<(int Thread, int Index)>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("async", async (record, ct) =>
                {
                    await Task.Yield();
                    seen.Enqueue(((int)record.Properties[0].Value!, (int)record.Properties[1].Value!));
                }),
            },
        };
        var provider = new LoguStyleLoggerProvider(options);
        var logger = provider.CreateLogger("c");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                logger.LogInformation("{T} {I}", t, i);
            }
        })));

        // Flushed on a condition (every record written), with a generous deadline, before dispose: dispose gives up
        // after 5 s, which a loaded machine's thread pool can need for 20,000 yields (11,399 arrived in one full run).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await provider.FlushAsync(deadline.Token);
        await provider.DisposeAsync();

        Assert.Equal(20_000, seen.Count);
        foreach (var group in seen.GroupBy(s => s.Thread))
        {
            Assert.Equal(Enumerable.Range(0, 5_000), group.Select(s => s.Index));
        }
    }

    [Fact]
    public async Task FlushAsync_ReturnsWhenEverythingAcceptedBeforeIsWritten()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = 0;
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("slow", async (_, ct) =>
                {
                    await release.Task.WaitAsync(ct);
                    Interlocked.Increment(ref written);
                }),
            },
        };
        await using var provider = new LoguStyleLoggerProvider(options);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        var flush = provider.FlushAsync();
        Assert.False(flush.IsCompleted);
        release.SetResult();
        await flush.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(100, Volatile.Read(ref written));
    }

    [Fact]
    public async Task FlushAsync_NothingPending_CompletesAtOnce()
    {
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new DelegateSinkOptions("async", (_, _) => ValueTask.CompletedTask) },
        });

        await provider.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["async"], provider.SinkNames);
    }

    [Fact]
    public async Task AsyncDelegateThatThrows_IsReportedAndTheQueueKeepsGoing()
    {
        var errorOutput = new StringWriter();
        var good = new ConcurrentQueue<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("async", (record, _) => record.Message == "bad" ? throw new IOException("nope") : Enqueue(good, record.Message)),
            },
        };
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errorOutput);
        var logger = provider.CreateLogger("c");

        logger.LogInformation("a");
        logger.LogInformation("bad");
        logger.LogInformation("b");
        await provider.DisposeAsync();

        Assert.Equal(["a", "b"], good);
        Assert.Contains("sink 'async' could not write a record: IOException: nope", errorOutput.ToString(), StringComparison.Ordinal);
    }

    private static ValueTask Enqueue(ConcurrentQueue<string> queue, string message)
    {
        queue.Enqueue(message);
        return ValueTask.CompletedTask;
    }
}
