using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-starved &lt;folder&gt; [wait]</c>: <c>Environment.Exit(3)</c> while every thread the pool may have is
/// blocked for good (the pool capped at one thread a core, each held), beside an enqueued delegate sink "stuck" (DropWrite,
/// capacity 4) whose first record never returns and an enqueued file sink "healthy" (<c>&lt;folder&gt;/app.log</c>). Logs
/// "record i" 100 times, then prints "starved" and exits. ExitTimeout 1 s. A starved pool is when exits hang: the exit's
/// drain must not wait for a pool thread to end its queues.
/// With <c>wait</c> the stuck queue is in Wait mode: records 0 to 4 fill it (one in the sink's hands, four queued) and a
/// caller thread of its own logs "record 5" and waits for room when the exit comes. The give-up lets that caller go, and
/// must not wait for a pool thread to see it leave, nor to cancel the writer.
/// </summary>
internal static class ExitStarvedPool
{
    public static int Run(string folder, bool wait)
    {
        using var entered = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("stuck", record =>
                {
                    // The application's records only: the queue's own reports pass.
                    if (record.Category == "TestApp")
                    {
                        entered.Set();
                        never.Wait();
                    }
                })
                {
                    Enqueue = true,
                    QueueCapacity = 4,
                    QueueFullMode = wait ? QueueFullMode.Wait : QueueFullMode.DropWrite,
                },
                new FileSinkOptions(Path.Combine(folder, "app.log"), "healthy") { Format = "{message}", Enqueue = true },
            },
            ExitTimeout = TimeSpan.FromSeconds(1),
        });
        var logger = provider.CreateLogger("TestApp");
        if (wait)
        {
            // Record 0 is in the sink's hands before records 1 to 4 fill the queue, so that the main thread never waits.
            logger.LogInformation("record {Index}", 0);
            entered.Wait();
            for (var i = 1; i < 5; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            var stuck = provider.CurrentSinks.OfType<Queue.QueuedSink>().Single(queued => queued.Name == "stuck");
            new Thread(() => logger.LogInformation("record {Index}", 5)) { IsBackground = true, Name = "waits for room" }.Start();
            if (!SpinWait.SpinUntil(() => stuck.CallersAsleepForRoom == 1, TimeSpan.FromSeconds(30)))
            {
                Console.Error.WriteLine("the caller did not wait for room within 30 s");
                return 4;
            }
        }
        else
        {
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            entered.Wait();
        }

        // The pool may have one thread a core and no more, and each of them is held: no work item queued from here on runs.
        ThreadPool.SetMinThreads(1, 1);
        if (!ThreadPool.SetMaxThreads(Environment.ProcessorCount, Environment.ProcessorCount))
        {
            Console.Error.WriteLine("the pool could not be capped");
            return 4;
        }

        // More holders than threads, queued ahead of anything the exit queues: a thread the pool still has beyond its cap,
        // or one it adds, takes a holder first.
        var started = 0;
        for (var i = 0; i < 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                Interlocked.Increment(ref started);
                never.Wait();
            }, null);
        }

        if (!SpinWait.SpinUntil(() => Volatile.Read(ref started) >= Environment.ProcessorCount, TimeSpan.FromSeconds(30)))
        {
            Console.Error.WriteLine("the pool's threads were not all held within 30 s");
            return 4;
        }

        Console.WriteLine("starved");
        Environment.Exit(3);
        return 3;
    }
}
