using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15: a real generic host stops while a DIRECT file sink is stuck inside its write, holding the file's lock (see
/// <see cref="StuckFileWrite"/>). The host's stop (the hosted service's StoppedAsync, the provider's ShutdownAsync)
/// flushed each sink on its own thread: the stuck file's flush waited for the lock before the host's timeout applied, and
/// StopAsync never returned.
/// </summary>
public sealed class HostStopStuckFileTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Stop_DirectFileSinkStuckInItsWrite_EndsWithinTheShutdownTimeout_TheFileBesideItGetsEveryRecord_TheStuckCallsAreReported(int heldCalls)
    {
        // Four held calls: one inside the stuck write, three waiting for the file's lock behind it. The flushes and closes
        // the stop and dispose start for the stuck sink block too; on the thread pool (2 threads at least on 2 cores) they
        // left the dispose's own continuations waiting for new pool threads, about half a second each.
        using var stuck = new StuckFileWrite();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));

        // The stuck sink first: its flush must not keep the file after it from being flushed.
        builder.Logging.AddLoguStyle(log => log
            .AddSink(stuck.Sink(_folder.File("stuck.log"), "stuck"))
            .AddFile(_folder.File("app.log"), file => file.Format = "{message}"));
        var host = builder.Build();
        var held = new List<Thread>();
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<HostStopStuckFileTests>>();
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            stuck.Arm();
            for (var i = 0; i < heldCalls; i++)
            {
                var thread = new Thread(() => logger.LogInformation("held")) { IsBackground = true };
                thread.Start();
                held.Add(thread);
                Assert.True(i > 0 || stuck.WaitEntered(Deadline));
            }


            var clock = Stopwatch.StartNew();
            await Task.Run(() => host.StopAsync()).WaitAsync(Deadline);
            var stopTook = clock.Elapsed;

            // The shutdown timeout and 0.8 s for a loaded machine.
            Assert.InRange(stopTook.TotalSeconds, 0, 2.8);
            await Task.Run(() => ((IAsyncDisposable)host).DisposeAsync().AsTask()).WaitAsync(Deadline);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"stop and dispose took {clock.Elapsed.TotalSeconds:0.00} s (the shutdown timeout is 2 s)");

            // Every record logged before the stuck call, and the host's stop record, which went on past the stuck sink.
            var lines = File.ReadAllLines(_folder.File("app.log"));
            Assert.Equal(Enumerable.Range(0, 100).Select(i => $"record {i}"), lines.Where(line => line.StartsWith("record ", StringComparison.Ordinal)));
            Assert.Contains("Application is shutting down...", lines);

            var text = output.ToString();
            Assert.Contains("sink 'stuck' was still writing a record of Microsoft.Hosting.Lifetime (Application is shutting down...) 1 s after the host began to stop;", text, StringComparison.Ordinal);
            Assert.Contains("logging calls were still writing to the sinks being disposed after 2 s;", text, StringComparison.Ordinal);
        }
        finally
        {
            // The stuck write returns: the held call ends, and the file closes then.
            stuck.Release();
            held.ForEach(thread => thread.Join(Deadline));
            host.Dispose();
        }
    }
}
