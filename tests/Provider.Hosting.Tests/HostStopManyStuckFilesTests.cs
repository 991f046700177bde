using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15 (A): the host's own stop records to a stuck direct sink were waited for half the shutdown timeout PER SINK,
/// one stuck sink after another, so a host with k stuck direct file sinks took about k x ShutdownTimeout/2 to stop.
/// The bound holds for the stop as a whole: one deadline for every sink, set when the stop begins.
/// </summary>
public sealed class HostStopManyStuckFilesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Stop_ManyDirectFileSinksStuck_EndsWithinTheShutdownTimeout_TheHealthySinksGetEveryRecord(int stuckCount)
    {
        const int Sinks = 8;

        // Stuck sinks spread among the healthy ones: 4 -> 0, 2, 4, 6; 6 -> 0, 1, 2, 4, 5, 6 (and so on).
        var stuckAt = Enumerable.Range(0, Sinks).Where(i => stuckCount == 4 ? i % 2 == 0 : i % 4 != 3).ToHashSet();
        Assert.Equal(stuckCount, stuckAt.Count);
        var stuck = Enumerable.Range(0, Sinks).ToDictionary(i => i, _ => new StuckFileWrite());
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log =>
        {
            for (var i = 0; i < Sinks; i++)
            {
                log.AddSink(stuck[i].Sink(_folder.File($"s{i}.log"), $"s{i}"));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<HostStopManyStuckFilesTests>>();
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            // From now on every write to a stuck sink blocks: the host's "Application is shutting down..." is the first.
            foreach (var i in stuckAt)
            {
                stuck[i].Arm();
            }

            var clock = Stopwatch.StartNew();
            await Task.Run(() => host.StopAsync()).WaitAsync(Deadline);
            var stopTook = clock.Elapsed;

            // The shutdown timeout and 0.8 s for a loaded machine, whatever the number of stuck sinks.
            Assert.True(stopTook.TotalSeconds < 2.8, $"StopAsync took {stopTook.TotalMilliseconds:0} ms with {stuckCount} stuck sinks (the shutdown timeout is 2 s); stderr: {output}");
            await Task.Run(() => ((IAsyncDisposable)host).DisposeAsync().AsTask()).WaitAsync(Deadline);

            // Every healthy sink: every record once, in order, and the host's stop record.
            foreach (var i in Enumerable.Range(0, Sinks).Where(i => !stuckAt.Contains(i)))
            {
                // The host's start records come before the first.
                var lines = File.ReadAllLines(_folder.File($"s{i}.log")).SkipWhile(line => line != "record 0");
                Assert.Equal(Enumerable.Range(0, 100).Select(n => $"record {n}").Append("Application is shutting down..."), lines);
            }

            // Each stuck sink's write of the host's record is named once.
            var text = output.ToString();
            foreach (var i in stuckAt)
            {
                Assert.Contains($"sink 's{i}' was still writing a record of Microsoft.Hosting.Lifetime (Application is shutting down...)", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var write in stuck.Values)
            {
                write.Release();
            }

            host.Dispose();
            foreach (var write in stuck.Values)
            {
                write.Dispose();
            }
        }
    }
}
