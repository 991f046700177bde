using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Review of issue 15 (finding 3, low): a direct sink whose one host write past the stop's deadline took longer than the
/// floor and then returned got no floor for the host's later records: each was waited for 0 ms, reported as "still
/// writing", and the next refused and counted as the sink's error while that write ran. The floor applies whenever no
/// write of the sink is still running. Next to <see cref="HostStopLateRecordTests"/>: a stuck sink uses up the stop's
/// deadline, then the slow sink's write of "Application is shutting down..." takes 60 ms once (its rotation predicate
/// waits on an event that is never set, with that timeout).
/// </summary>
public sealed class HostStopSlowOnceTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SlowOnce = TimeSpan.FromMilliseconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_ASinkSlowOnceAfterTheDeadline_GetsTheFloorForTheHostsLaterRecords_EachWritten_NoneReportedOrRefused()
    {
        using var stuck = new StuckFileWrite();
        using var armed = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var slowWrites = 0;
        using var meter = new SinkMeter();
        var host = new StoppingHost(TimeSpan.FromSeconds(2), log =>
        {
            // Information up: the records timed here come once the stop began (the host's Debug "Hosting stopping" begins it).
            var stuckOptions = stuck.Sink(_folder.File("stuck.log"), "stuck");
            stuckOptions.Level = LogLevel.Information;
            stuckOptions.Predicate = record => record.Category.StartsWith("Microsoft.", StringComparison.Ordinal);
            log.AddSink(stuckOptions);

            log.AddSink(new FileSinkOptions(_folder.File("slow.log"), "slow")
            {
                Format = "{message}",
                Level = LogLevel.Information,
                Predicate = record => record.Category.StartsWith("Microsoft.", StringComparison.Ordinal),
                Rotation = Rotation.When(_ =>
                {
                    // The sink's behaviour: its first write once armed takes 60 ms, every other one none.
                    if (armed.IsSet && Interlocked.Increment(ref slowWrites) == 1)
                    {
                        never.Wait(SlowOnce);
                    }

                    return false;
                }),
            });
        }, builder => builder.Logging.SetMinimumLevel(LogLevel.Debug));
        try
        {
            await host.StartAsync();
            var written = meter.Read("logustyle.records.written", "slow");
            stuck.Arm();
            armed.Set();
            await host.StopAsync(Deadline);

            // The slow write, given up on after the floor, returns: the sink has no write still running.
            Assert.True(
                await TestHost.WaitUntil(() => meter.Read("logustyle.records.written", "slow") > written, Deadline),
                $"the slow write did not return; stderr: {host.Errors}");

            // The host's records later in the stop (as "BackgroundService failed" after a hosted service's slow stop).
            var late = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Extensions.Hosting.LateRecords");
            for (var i = 0; i < 3; i++)
            {
                late.LogInformation("late {Index}", i);
            }

            stuck.Release();
            await host.DisposeAsync(Deadline);

            var text = host.Errors;
            var lines = File.ReadAllLines(_folder.File("slow.log"));
            var context = $"errors counted: {meter.Read("logustyle.sink.errors", "slow")}; stderr:\n{text}\nslow.log:\n{string.Join('\n', lines)}";

            // The one write past the deadline that outlasted the floor is said; nothing else about this sink.
            Assert.Single(text.Split('\n'), line => line.Contains("sink 'slow'", StringComparison.Ordinal));
            Assert.Contains("sink 'slow' was still writing a record of Microsoft.Hosting.Lifetime (Application is shutting down...)", text, StringComparison.Ordinal);
            Assert.True(meter.Read("logustyle.sink.errors", "slow") == 0, context);
            foreach (var expected in (string[])["Application is shutting down...", "late 0", "late 1", "late 2"])
            {
                Assert.True(lines.Contains(expected), $"'{expected}' is not in slow.log; {context}");
            }
        }
        finally
        {
            stuck.Release();
            host.Dispose();
        }
    }
}
