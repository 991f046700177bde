using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var enqueue = args.Length > 0 && args[0] == "enqueued";

// "times" after the mode: each call that is not 176 B is printed with the wall-clock time it ended at.
var times = args.Length > 1 && args[1] == "times";
var dir = Directory.CreateTempSubdirectory("allocprobe").FullName;
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Information",
    ["Logging:LoguStyle:Sinks:file:Type"] = "File",
    ["Logging:LoguStyle:Sinks:file:Path"] = Path.Combine(dir, "a.log"),
    ["Logging:LoguStyle:Sinks:file:Format"] = "{time:yyyy-MM-dd HH:mm:ss.fff} | {level:u3} | {category} - {message}",
    ["Logging:LoguStyle:Sinks:file:Enqueue"] = enqueue ? "true" : "false",
}).Build();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(configuration);
services.AddLogging(l => { l.AddConfiguration(configuration.GetSection("Logging")); l.AddLoguStyle(); });
using var container = services.BuildServiceProvider();
var logger = container.GetRequiredService<ILoggerFactory>().CreateLogger("Bench.Orders");
var odd = new Dictionary<long, int>();
for (var round = 0; round < 3; round++)
{
    var total = 0L; var oddCalls = 0;
    for (var i = 0; i < 1_000_000; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        logger.LogInformation("User {UserId} bought {Count} items for {Price}", i, 3, 29.97m);
        var delta = GC.GetAllocatedBytesForCurrentThread() - before;
        total += delta;
        if (delta != 176) { if (times) { var now = DateTime.Now; Console.WriteLine($"   {delta} B at {now:HH:mm:ss.ffffff}"); } oddCalls++; var extra = delta - 176; odd[extra] = odd.GetValueOrDefault(extra) + 1; }
    }
    Console.WriteLine($"round {round}: {total / 1e6:F4} B/call, {oddCalls} calls not 176 B");
    foreach (var kv in odd.OrderByDescending(k => k.Value).Take(12)) Console.WriteLine($"   extra {kv.Key} B x {kv.Value}");
    odd.Clear();
}
