using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>
/// <c>Environment.Exit</c> while an enqueued delegate sink named "stuck" (capacity 1, in the given mode) never returns
/// from its first record and four threads go on logging into it as fast as they can: the exit's drain must give up on it
/// after ExitTimeout (1 s) and say what it could not write. Prints "stuck" once the sink holds its record.
/// </summary>
internal static class ExitStuck
{
    public static int Run(string mode)
    {
        using var entered = new ManualResetEventSlim(false);
        using var never = new ManualResetEventSlim(false);
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("stuck", record =>
                {
                    // The application's records only: the queue's own drop report passes (a writer stuck in it is
                    // another case, see the fix15j report).
                    if (record.Category == "FaultApp")
                    {
                        entered.Set();
                        never.Wait();
                    }
                })
                {
                    Enqueue = true,
                    QueueCapacity = 1,
                    QueueFullMode = Enum.Parse<QueueFullMode>(mode),
                },
            },
            ExitTimeout = TimeSpan.FromSeconds(1),
        });
        var logger = provider.CreateLogger("FaultApp");
        var logged = new long[4];
        for (var t = 0; t < logged.Length; t++)
        {
            var index = t;
            new Thread(() =>
            {
                while (true)
                {
                    logger.LogInformation("record {Thread}", index.ToString(CultureInfo.InvariantCulture));
                    Interlocked.Increment(ref logged[index]);
                }
            }) { IsBackground = true }.Start();
        }

        entered.Wait();
        Console.Out.WriteLine("stuck");

        // The threads are all at it (each has returned from a call since the sink got stuck) when the process exits.
        var before = Enumerable.Range(0, logged.Length).Select(t => Interlocked.Read(ref logged[t])).ToArray();
        var spin = new SpinWait();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Enumerable.Range(0, logged.Length).Any(t => Interlocked.Read(ref logged[t]) <= before[t] + 100) && mode != "Wait")
        {
            spin.SpinOnce();
            if (waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                Console.Out.WriteLine($"no progress: before {string.Join(' ', before)}, now {string.Join(' ', logged)}");
                break;
            }
        }

        Console.Out.WriteLine("exiting");
        Environment.Exit(3);
        return 3;
    }
}
