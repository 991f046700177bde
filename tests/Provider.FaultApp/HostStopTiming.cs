using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace LoguStyle.FaultApp;

/// <summary>The host-stop modes' measurement: StopAsync, then Dispose, each timed; prints <c>stop N ms dispose M ms</c>.</summary>
internal static class HostStopTiming
{
    public static async Task StopThenDisposeAsync(IHost host)
    {
        var clock = Stopwatch.StartNew();
        await host.StopAsync();
        var stop = clock.ElapsedMilliseconds;
        clock.Restart();
        host.Dispose();
        var dispose = clock.ElapsedMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stop {stop} ms dispose {dispose} ms"));
    }
}
