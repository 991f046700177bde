using System.Globalization;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>caller-alloc &lt;log path&gt;</c>: what one plain MEL call allocates on the logging thread when a file sink
/// asks for <c>CallerInfo: StackTrace</c>, alone (<c>single</c>) and beside a file sink that does not ask
/// (<c>mixed</c>), direct and enqueued, printed as <c>&lt;case&gt; &lt;bytes per call&gt;</c> lines. A process of its
/// own, so no other test's listeners or threads add to the count.
/// </summary>
internal static class CallerAllocations
{
    // A stack walk takes microseconds: fewer calls than the other probes, still thousands a round.
    private const int Calls = 4_000;

    // A ready array of boxed arguments, as AllocationProbe has: MEL's params array and boxing are not counted.
    private static readonly object?[] Arguments = [42, "acme"];

    public static int Run(string path)
    {
        foreach (var enqueue in new[] { false, true })
        {
            foreach (var mixed in new[] { false, true })
            {
                var name = (mixed ? "mixed" : "single") + (enqueue ? "-queued" : string.Empty);
                var options = new LoguStyleLoggerOptions
                {
                    Sinks = { new FileSinkOptions($"{path}.{name}.asks") { Format = "{function}:{line} {message}", CallerInfo = CallerInfo.StackTrace, Enqueue = enqueue } },
                };
                if (mixed)
                {
                    options.Sinks.Add(new FileSinkOptions($"{path}.{name}.plain") { Format = "{function}:{line} {message}", Enqueue = enqueue });
                }

                using var provider = new LoguStyleLoggerProvider(options);
                if (!Print(name, provider, provider.CreateLogger("Alloc")))
                {
                    return 1;
                }
            }
        }

        return 0;
    }

    private static bool Print(string name, LoguStyleLoggerProvider provider, ILogger logger)
    {
        // Round 0 warms up (the thread's record, the pool, the caches); the least of the other rounds is taken, so a
        // one-off (a buffer growing once, a queue writer that fell behind) does not count.
        var least = double.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            if (!provider.FlushAsync().Wait(TimeSpan.FromSeconds(30)))
            {
                Console.Error.WriteLine("flush did not finish within 30 s");
                return false;
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                logger.Log(LogLevel.Information, "User {UserId} of {Tenant}", Arguments);
            }

            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
            least = round == 0 ? least : Math.Min(least, perCall);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {least:0.###}"));
        return true;
    }
}
