using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>
/// An application that cancels SIGHUP (to reload its settings, say) while an enqueued delegate sink "stuck" (capacity 1,
/// Wait) holds its first record: the signal's drain cannot empty the queue within ExitTimeout (1 s), and must leave it
/// open, since the process goes on. Prints "ready" once the sink holds its record, "hangup handled" after the signal;
/// then reads a line from stdin (the test sends it once the drain has said its line), lets the sink go, logs 1,000
/// records more, disposes and prints "stuck got N" (every record the sink was given).
/// </summary>
internal static class HupCancelStuck
{
    public static int Run()
    {
        using var hangup = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        using var handler = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            hangup.Set();
        });
        var got = 0;
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("stuck", record =>
                {
                    if (record.Category == "FaultApp")
                    {
                        entered.Set();
                        release.Wait();
                        Interlocked.Increment(ref got);
                    }
                })
                {
                    Enqueue = true,
                    QueueCapacity = 1,
                    QueueFullMode = QueueFullMode.Wait,
                },
            },
            ExitTimeout = TimeSpan.FromSeconds(1),
        });
        var logger = provider.CreateLogger("FaultApp");
        logger.LogInformation("record {Index}", "0");
        entered.Wait();
        logger.LogInformation("record {Index}", "1");
        Console.Out.WriteLine("ready");
        if (!hangup.Wait(TimeSpan.FromSeconds(30)))
        {
            Console.Error.WriteLine("no SIGHUP within 30 s");
            return 3;
        }

        Console.Out.WriteLine("hangup handled");
        Console.In.ReadLine();
        release.Set();
        for (var i = 2; i < 1_002; i++)
        {
            logger.LogInformation("record {Index}", i.ToString(CultureInfo.InvariantCulture));
        }

        provider.Dispose();
        Console.Out.WriteLine($"stuck got {Volatile.Read(ref got)}");
        return 0;
    }
}
