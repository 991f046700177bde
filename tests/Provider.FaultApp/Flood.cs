using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.FaultApp;

/// <summary>Logs numbered records of about 120 bytes as fast as it can, and says how many have returned.</summary>
internal sealed class Flood(ILogger<Flood> logger) : BackgroundService
{
    public const string Format = "{message}";

    public static readonly string Padding = new('.', 100);

    public static void Run(ILogger logger, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            logger.LogInformation("record {Index} {Padding}", i.ToString(CultureInfo.InvariantCulture), Padding);
            if ((i + 1) % 1_000 == 0)
            {
                // Printed after the records' calls returned: every record up to here was logged before this line.
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged {i + 1}"));
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(logger, stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
