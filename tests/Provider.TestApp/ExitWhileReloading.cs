using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-reloading &lt;folder&gt;</c>: <c>Environment.Exit(3)</c> while a reload is still draining the generation it
/// replaced, whose enqueued sink "stuck" (capacity 16, Wait) never returns from its first record and holds 3 more; the
/// new generation is a text file (<c>app.log</c>) that gets <c>after i</c> 100 times. ExitTimeout 1 s, the reload's
/// bound the default 5 s: the exit comes first. Prints "reloading" once the new generation is in place.
/// <c>exit-reloading &lt;folder&gt; direct</c>: the old generation's sink "stuck" is direct, and a logging call of
/// <c>held</c> is stuck in it; the reload waits for that call within its bound when the exit comes.
/// </summary>
internal static class ExitWhileReloading
{
    public static int Run(string folder, bool direct)
    {
        using var entered = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var provider = StuckQueueProvider.Create(16, entered, never, enqueue: !direct);
        var logger = provider.CreateLogger("TestApp");
        if (direct)
        {
            new Thread(() => logger.LogInformation("held")) { IsBackground = true }.Start();
            entered.Wait();
        }
        else
        {
            logger.LogInformation("record {Index}", 0);
            entered.Wait();
            for (var i = 1; i < 4; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        }

        var old = ((LoguStyleLogger)logger).Pipeline.Set;
        new Thread(() => provider.Reconfigure(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(Path.Combine(folder, "app.log")) { Format = "{message}" } },
            ExitTimeout = TimeSpan.FromSeconds(1),
        })) { IsBackground = true }.Start();

        // The reload swaps the generations at once, then drains the old one for up to 5 s. The logger's own pipeline, not
        // the provider's current sinks: the loggers are pointed at the new ones just after, and a record logged in between
        // still enters the old queue.
        var spin = new SpinWait();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ReferenceEquals(((LoguStyleLogger)logger).Pipeline.Set, old))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine("the reload did not put its sinks in place within 30 s");
                return 4;
            }

            spin.SpinOnce();
        }

        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("after {Index}", i);
        }

        Console.WriteLine("reloading");
        Environment.Exit(3);
        return 3;
    }
}
