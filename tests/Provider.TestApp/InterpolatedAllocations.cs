using System.Globalization;
using LoguStyle;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>interpolated-alloc &lt;log path&gt;</c>: what one call allocates on the logging thread into a direct file sink
/// (the sink's level is Information), printed as <c>&lt;call&gt; &lt;bytes per call&gt;</c> lines: a disabled
/// interpolated call, an enabled one with an int, a decimal and a string, and the same record through a
/// <c>[LoggerMessage]</c> method; <c>logger.Success($"...")</c> and <c>logger.Log("SUCCESS", $"...")</c>, enabled and
/// disabled. A process of its own, so no other test's listeners or threads add to the count.
/// </summary>
internal static partial class InterpolatedAllocations
{
    private const int Calls = 20_000;

    public static int Run(string path)
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{time} {level} {message}", Level = LogLevel.Information } },
        });
        var logger = provider.CreateLogger("Alloc");
        var id = 42;
        var total = 29.97m;
        var customer = "acme";
        Print("disabled", () => logger.Debug($"Order {id} total {total} for {customer}"));
        Print("interpolated", () => logger.Info($"Order {id} total {total} for {customer}"));
        Print("loggermessage", () => OrderPlaced(logger, id, total, customer));

        // SUCCESS and a level by name: the same handler with the level's name; disabled, where the sink starts at Warning.
        Print("success", () => logger.Success($"Order {id} total {total} for {customer}"));
        Print("named", () => logger.Log("SUCCESS", $"Order {id} total {total} for {customer}"));
        using var quiet = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path + ".quiet") { Format = "{time} {level} {message}", Level = LogLevel.Warning } },
        });
        var quietLogger = quiet.CreateLogger("Alloc");
        Print("success-disabled", () => quietLogger.Success($"Order {id} total {total} for {customer}"));
        Print("named-disabled", () => quietLogger.Log("SUCCESS", $"Order {id} total {total} for {customer}"));
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Id} total {Total} for {Customer}")]
    private static partial void OrderPlaced(ILogger logger, int id, decimal total, string customer);

    private static void Print(string name, Action call)
    {
        // Round 0 warms up (the thread's record and state, the caches of the template and the time format); the least
        // of the other rounds is taken, so a one-off (a buffer growing once) does not count.
        var least = double.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                call();
            }

            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
            least = round == 0 ? least : Math.Min(least, perCall);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {least:0.###}"));
    }
}
