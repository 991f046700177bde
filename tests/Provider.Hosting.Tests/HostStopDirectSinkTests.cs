using System.Diagnostics;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15, defect (c): the host's own stop records ("Application is shutting down..." of Microsoft.Hosting.Lifetime,
/// logged by the host's lifetime on the thread that runs StopAsync) waited without bound on a stuck DIRECT sink, and
/// StopAsync never returned; enqueued sinks and the application's calls stuck in direct sinks were bounded already.
/// </summary>
public sealed class HostStopDirectSinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stop_DirectSinkStuckOnTheHostsOwnRecords_EndsWithinTheShutdownTimeout_ReportsTheRecord_TheOtherSinksGetTheirs()
    {
        using var release = new ManualResetEventSlim();
        var stopping = 0;
        var host = new StoppingHost(TimeSpan.FromSeconds(2), log => log
            .AddSink(
                record =>
                {
                    // Blocks for good on the host's records once the test stops the host (its start records pass).
                    if (Volatile.Read(ref stopping) == 1 && record.Category == "Microsoft.Hosting.Lifetime")
                    {
                        release.Wait();
                    }
                },
                sink => sink.Name = "stuck")
            .AddFile(_folder.File("app.log"), file => file.Format = "{category} {message}")
            .AddFile(_folder.File("app.json"), file => { file.Serialize = true; file.Enqueue = true; }));
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<HostStopDirectSinkTests>>();
            logger.LogInformation("before the stop");
            Volatile.Write(ref stopping, 1);

            var clock = Stopwatch.StartNew();
            await host.StopAsync(TimeSpan.FromSeconds(15));
            var stopTook = clock.Elapsed;
            Assert.InRange(stopTook.TotalSeconds, 0, 2.8);

            // Nothing more goes through the stuck sink from this thread: an application's call to a direct sink stuck in
            // its output still waits for it (here the delegate sink's lock); only the host's own records are bounded.
            await host.DisposeAsync(TimeSpan.FromSeconds(15));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"stop and dispose took {clock.Elapsed} (the shutdown timeout is 2 s)");

            Assert.Matches(
                "LoguStyle: sink 'stuck' was still writing a record of Microsoft\\.Hosting\\.Lifetime \\(Application is shutting down\\.\\.\\.\\) 1 s after the host began to stop;",
                host.Errors);

            // The sinks beside it got every record, the host's stop record too.
            var text = File.ReadAllLines(_folder.File("app.log"));
            Assert.Contains($"{typeof(HostStopDirectSinkTests).FullName} before the stop", text);
            Assert.Contains("Microsoft.Hosting.Lifetime Application is shutting down...", text);
            Assert.Contains("Application is shutting down...", File.ReadAllText(_folder.File("app.json")), StringComparison.Ordinal);
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }

    /// <summary>
    /// Outside re-test 15d, defect 2: a direct sink still stuck when the provider was disposed wrote its records when it
    /// returned, after the dispose, and the meter never counted them (written 103 of 104 offered): the sink's counts
    /// were taken as final at its dispose. They are final once no call is left in it.
    /// </summary>
    [Fact]
    public async Task Dispose_DirectSinkReleasedAfterTheDispose_CountsTheRecordsItHeldAsWritten()
    {
        const string Name = "stuck-past-dispose";
        using var release = new ManualResetEventSlim();
        using var meter = new SinkMeter();
        int stopping = 0, entered = 0, returned = 0, before = 0;
        var host = new StoppingHost(TimeSpan.FromSeconds(1), log => log.AddSink(
            _ =>
            {
                if (Volatile.Read(ref stopping) == 1)
                {
                    Interlocked.Increment(ref entered);
                    release.Wait();
                }

                Interlocked.Increment(ref returned);
            },
            sink => sink.Name = Name));
        try
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<HostStopDirectSinkTests>>();
            logger.LogInformation("before the stop");
            before = Volatile.Read(ref returned);
            Volatile.Write(ref stopping, 1);

            // An application call stuck in the sink, then the host's own stop record (written on a thread of its own).
            var app = new Thread(() => logger.LogInformation("stuck in the sink")) { IsBackground = true };
            app.Start();
            Assert.True(await TestHost.WaitUntil(() => Volatile.Read(ref entered) == 1, TimeSpan.FromSeconds(10)));
            await host.StopAsync(TimeSpan.FromSeconds(15));
            await host.DisposeAsync(TimeSpan.FromSeconds(15));

            release.Set();
            Assert.True(app.Join(TimeSpan.FromSeconds(10)), "the application's call did not return after the release");

            // Every call that entered the sink returned (the application's and the host's stop record); the meter counts
            // each as written once the sink has counted it, a moment after the delegate returns.
            var counted = await TestHost.WaitUntil(
                () => Volatile.Read(ref returned) == before + Volatile.Read(ref entered) && Volatile.Read(ref entered) >= 2
                    && meter.Read("logustyle.records.written", Name) == Volatile.Read(ref returned),
                TimeSpan.FromSeconds(10));
            Assert.True(counted, $"written {meter.Read("logustyle.records.written", Name)} of {Volatile.Read(ref returned)} records the sink returned from ({Volatile.Read(ref entered)} entered after the stop began)");
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }
}
