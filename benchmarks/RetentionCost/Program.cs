// The cost of a rotation with many archives in the folder: `private|shared <archives> <rotations> [count|age]`.
// Fills a fresh temp folder with empty stamped .gz archives, then logs one record per rotation (Rotation "2 B", gz,
// a retention that keeps every file, so the work is reading and ordering, not deleting), timed from the first record
// until dispose returned (the archive worker done), and prints the milliseconds per rotation.
using System.Diagnostics;
using System.Globalization;
using LoguStyle;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

var shared = args[0] == "shared";
var archives = int.Parse(args[1], CultureInfo.InvariantCulture);
var rotations = int.Parse(args[2], CultureInfo.InvariantCulture);
var byAge = args.Length > 3 && args[3] == "age";
var folder = Path.Combine(Path.GetTempPath(), "logustyle-retention-cost", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    var earliest = DateTime.Now.AddDays(-20);
    for (var i = 0; i < archives; i++)
    {
        File.WriteAllText(Path.Combine(folder, "app." + earliest.AddMinutes(i).ToString("yyyy-MM-dd_HH-mm-ss_ffffff", CultureInfo.InvariantCulture) + ".log.gz"), string.Empty);
    }

    var sink = new FileSinkOptions(Path.Combine(folder, "app.log"))
    {
        Format = "{message}",
        Rotation = "2 B",
        Compression = "gz",
        Shared = shared,
        Retention = byAge ? Retention.Parse("30 days") : Retention.Count(archives + rotations + 10),
    };
    var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } });
    var logger = provider.CreateLogger("m");
    logger.LogInformation("warm");
    await provider.FlushAsync();

    // Start-up recovery reads the folder once: let it finish before the clock starts.
    Thread.Sleep(3000);
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < rotations; i++)
    {
        logger.LogInformation("r{I}", i);
        if (shared)
        {
            await provider.FlushAsync();
        }
    }

    await provider.DisposeAsync();
    var total = watch.Elapsed;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{(shared ? "shared" : "private")} archives={archives} retention={(byAge ? "age" : "count")} rotations={rotations}: {total.TotalMilliseconds / rotations:0.00} ms per rotation"));
}
finally
{
    Directory.Delete(folder, recursive: true);
}
