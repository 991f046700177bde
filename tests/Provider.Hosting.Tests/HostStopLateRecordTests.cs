using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15 (review, medium): the host's own records to a direct sink during the stop are waited for until one deadline
/// shared by every sink (half the shutdown timeout) and its graces. A record the host logs later than that was waited for
/// 0 ms even by a HEALTHY sink: a background service whose drain gives up 1.5 s into a 2 s stop and throws makes the host
/// log "BackgroundService failed" and, right after it, its StopHost line; stderr said the healthy sink "was still
/// writing" the first, and the second was refused and counted as the sink's error (lost). A sink not known stuck gets a
/// floor whatever the time.
/// </summary>
public sealed class HostStopLateRecordTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public async Task Stop_HostsRecordsLateInTheStop_AHealthyDirectFileGetsEach_NotReportedStuck_NoError(int stuckCount)
    {
        var stuck = Enumerable.Range(0, stuckCount).Select(_ => new StuckFileWrite()).ToList();
        using var meter = new SinkMeter();
        var host = new StoppingHost(TimeSpan.FromSeconds(2), log =>
        {
            // The stuck sinks first, so their waits use up the stop's deadline and graces before the healthy sink's turn.
            // They take the host's records only: an application's call to a stuck direct sink waits for it by design.
            for (var i = 0; i < stuckCount; i++)
            {
                var options = stuck[i].Sink(_folder.File($"stuck{i}.log"), $"stuck{i}");

                // Information up: the records timed here come once the stop began (the host's Debug "Hosting stopping" begins it).
                options.Level = LogLevel.Information;
                options.Predicate = record => record.Category.StartsWith("Microsoft.", StringComparison.Ordinal);
                log.AddSink(options);
            }

            log.AddFile(_folder.File("app.log"), file =>
            {
                file.Name = "app";
                file.Format = "{category} {message}";
            });
        }, builder =>
        {
            builder.Services.AddHostedService<SlowDrainService>();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        });
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<HostStopLateRecordTests>>();
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            stuck.ForEach(write => write.Arm());
            var clock = Stopwatch.StartNew();
            await host.StopAsync(Deadline);
            var stopTook = clock.Elapsed;

            // The host logs "BackgroundService failed" and the StopHost line on the thread the service's task ended on,
            // which the stop does not wait for (a pool thread). Under the full suite's load on two cores the line once did
            // not come within 10 s (nothing on stderr; alone the test passed; which was late, that thread or the write,
            // is not known). What is checked is that the records come and are written, not how soon: the class's deadline.
            var category = typeof(HostStopLateRecordTests).FullName;
            var failed = "Microsoft.Extensions.Hosting.Internal.Host BackgroundService failed";
            var stopsHost = "Microsoft.Extensions.Hosting.Internal.Host The HostOptions.BackgroundServiceExceptionBehavior is configured to StopHost.";
            Assert.True(
                await TestHost.WaitUntil(() => File.ReadAllLines(_folder.File("app.log")).Any(line => line.StartsWith(stopsHost, StringComparison.Ordinal)) || host.Errors.Contains("sink 'app'", StringComparison.Ordinal), Deadline),
                $"the host's late records did not come; stderr: {host.Errors}");
            await host.DisposeAsync(Deadline);

            // The stop keeps its bound: the shutdown timeout and 0.8 s for a loaded machine, whatever the number of stuck sinks.
            Assert.True(stopTook.TotalSeconds < 2.8, $"StopAsync took {stopTook.TotalMilliseconds:0} ms with {stuckCount} stuck sinks (the shutdown timeout is 2 s); stderr: {host.Errors}");

            // The healthy file: every record, the service's Error and the host's records after it, the late ones too.
            var lines = File.ReadAllLines(_folder.File("app.log"));
            Assert.Equal(Enumerable.Range(0, 100).Select(n => $"{category} record {n}"), lines.Where(line => line.StartsWith($"{category} ", StringComparison.Ordinal)));
            foreach (var expected in (string[])[
                "Microsoft.Hosting.Lifetime Application is shutting down...",
                $"{typeof(SlowDrainService).FullName} {SlowDrainService.Failure}",
                failed,
                "Microsoft.Extensions.Hosting.Internal.Host Hosting stopped"])
            {
                Assert.True(lines.Contains(expected), $"'{expected}' is not in app.log ({stuckCount} stuck sinks); app.log ends:\n{string.Join('\n', lines.TakeLast(14))}\nstderr: {host.Errors}");
            }

            // Nothing on stderr names the healthy sink, and it counted no error.
            var text = host.Errors;
            var healthy = $"({stuckCount} stuck sinks) errors counted: {meter.Read("logustyle.sink.errors", "app")}; stderr:\n{text}\napp.log ends:\n{string.Join('\n', lines.TakeLast(8))}";
            Assert.True(meter.Read("logustyle.sink.errors", "app") == 0, healthy);
            Assert.False(text.Contains("sink 'app'", StringComparison.Ordinal), healthy);

            // The record the host logs right after "BackgroundService failed": refused when that write was given up on.
            Assert.Single(lines, line => line.StartsWith(stopsHost, StringComparison.Ordinal));

            // The stuck sinks were named: the stop went on past each.
            for (var i = 0; i < stuckCount; i++)
            {
                Assert.Contains($"sink 'stuck{i}' was still writing a record of Microsoft.Hosting.Lifetime (Application is shutting down...)", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            stuck.ForEach(write => write.Release());
            host.Dispose();
            stuck.ForEach(write => write.Dispose());
        }
    }
}
