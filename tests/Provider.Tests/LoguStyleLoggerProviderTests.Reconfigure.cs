using System.Diagnostics;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests;

/// <summary>The limit of "old sinks or new ones, never neither": how long a reload waits for a call stuck in an old sink.</summary>
public partial class LoguStyleLoggerProviderTests
{
    [Fact]
    public async Task Reconfigure_CallStuckInAnOldSink_IsWaitedFor5Seconds_ThenReported()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var errors = new StringWriter();
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("stuck", _ => { entered.Set(); release.Wait(); }) } };
        using var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(errors));
        var stuck = Task.Run(() => provider.CreateLogger("c").LogInformation("stuck"));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(20)));

        var watch = Stopwatch.StartNew();
        provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("next", _ => { }) } });
        watch.Stop();
        release.Set();
        await stuck;

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(30));
        Assert.Contains(
            "LoguStyle: logging calls were still writing to the replaced sinks after 5 s; the sinks are closed anyway and those calls' records may be lost.",
            errors.ToString(),
            StringComparison.Ordinal);
        Assert.Equal(["next"], provider.SinkNames);
    }
}
