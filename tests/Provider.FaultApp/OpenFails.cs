using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>
/// A file sink named "badfile" whose file cannot be opened (the test puts a file where its folder should be): logs
/// records for half a second, so that the open at start-up and the records after it both fail, then disposes. The test
/// counts the lines stderr says about the sink.
/// </summary>
internal static class OpenFails
{
    public static async Task<int> RunAsync(string path)
    {
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path, "badfile") { Format = Flood.Format } },
        });
        var logger = provider.CreateLogger("FaultApp");
        var window = Stopwatch.StartNew();
        var logged = 0;
        while (window.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            logger.LogInformation("record {Index} {Padding}", logged.ToString(CultureInfo.InvariantCulture), Flood.Padding);
            logged++;
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged {logged}"));
        return 0;
    }
}
