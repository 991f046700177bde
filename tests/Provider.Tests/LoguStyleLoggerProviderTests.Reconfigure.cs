using System.Collections.Concurrent;
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

    [Fact]
    public async Task Dispose_CallStuckInASink_IsReportedAsWritingToTheSinksBeingDisposed_NotToReplacedSinks()
    {
        // Before: a plain dispose (a host's stop, no reload) said "still writing to the replaced sinks" (an outside tester).
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var errors = new StringWriter();
        var options = new LoguStyleLoggerOptions
        {
            DisposeTimeout = TimeSpan.FromMilliseconds(200),
            Sinks = { new DelegateSinkOptions("stuck", _ => { entered.Set(); release.Wait(); }) },
        };
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(errors));
        var stuck = Task.Run(() => provider.CreateLogger("c").LogInformation("stuck"));
        Assert.True(entered.Wait(TimeSpan.FromSeconds(20)));

        await provider.DisposeAsync();
        release.Set();
        await stuck;

        Assert.Contains(
            "LoguStyle: logging calls were still writing to the sinks being disposed after 0.2 s; the sinks are closed anyway and those calls' records may be lost.",
            errors.ToString(),
            StringComparison.Ordinal);
        Assert.DoesNotContain("replaced", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconfigure_RecordCapturedDuringTheSwap_IsPatchedByTheGenerationWhoseSinksWriteIt()
    {
        // Issue 15, "enrichers from the other generation during a swap": a call that entered the old sinks read the
        // enrichers after the reload had replaced them, so the old sinks wrote a record patched by the new options.
        var deadline = TimeSpan.FromSeconds(30);
        using var inside = new ManualResetEventSlim();
        using var go = new ManualResetEventSlim();
        var seen = new ConcurrentQueue<string>();
        LoguStyleLoggerOptions Generation(int n) => new()
        {
            Patches = { record => record.SetProperty("gen", n) },
            Sinks = { new DelegateSinkOptions($"sink{n}", record => seen.Enqueue($"sink{n}: gen {record.Properties.Single(p => p.Key == "gen").Value}")) },
        };
        using var provider = new LoguStyleLoggerProvider(Generation(1));
        var logger = provider.CreateLogger("c");
        var hold = 1;

        // The message formatter runs while the call is inside the old sinks, before the enrichers.
        var caller = Task.Factory.StartNew(
            () => logger.Log(LogLevel.Information, default, "held", null, (state, _) =>
            {
                if (Interlocked.Exchange(ref hold, 0) == 1)
                {
                    inside.Set();
                    go.Wait();
                }

                return state;
            }),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(inside.Wait(deadline));
        var reload = Task.Run(() => provider.Reconfigure(Generation(2)));
        Assert.True(SpinWait.SpinUntil(() => provider.SinkNames.SequenceEqual(["sink2"]), deadline));

        // FlushAsync takes the reload's lock: once it returns a task, the swap of sinks and enrichers is complete.
        _ = provider.FlushAsync();
        go.Set();
        await caller.WaitAsync(deadline);
        await reload.WaitAsync(deadline);
        logger.LogInformation("after");

        Assert.Equal(["sink1: gen 1", "sink2: gen 2"], seen);
    }
}
