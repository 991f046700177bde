using System.Globalization;
using LoguStyle;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

// Usage: LoguStyle.TestApp <mode> <log path> <records>
//   unhandled  logs the records through an enqueued file sink, then throws an unhandled exception without disposing
//   exit       logs the records through an enqueued file sink, then calls Environment.Exit(3) without disposing
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: LoguStyle.TestApp unhandled|exit <log path> <records>");
    return 2;
}

var mode = args[0];
var path = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);

var options = new LoguStyleOptions
{
    Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = 1_000_000 } },
    ExitTimeout = TimeSpan.FromSeconds(10),
};
var provider = new LoguStyleLoggerProvider(options);
var logger = provider.CreateLogger("TestApp");
for (var i = 0; i < count; i++)
{
    logger.LogInformation("record {Index}", i);
}

Console.WriteLine($"logged {count}");
switch (mode)
{
    case "unhandled":
        throw new InvalidOperationException("the test app dies here");
    case "exit":
        Environment.Exit(3);
        return 3;
    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}
