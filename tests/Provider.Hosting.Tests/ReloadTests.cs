using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

public class ReloadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EditedSettingsFile_RebuildsTheSinks()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { "Level": "Warning" } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();
        var logger = TestHost.Logger(host);
        logger.LogInformation("before");

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Information" } } }""");
        var applied = await TestHost.WaitUntil(
            () =>
            {
                logger.LogInformation("probe");
                return test.Messages.Contains("probe");
            },
            Deadline);

        Assert.True(applied, "the edited level never took effect");
        Assert.DoesNotContain("before", test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task EditsWhileThreadsLog_LoseAndDuplicateNothing()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;
        using var stop = new CancellationTokenSource();
        var counts = new int[3];
        var producers = Enumerable.Range(0, counts.Length).Select(t => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                logger.LogInformation("{Thread}-{Index}", t, counts[t]++);
            }
        })).ToArray();

        for (var edit = 1; edit <= 4; edit++)
        {
            var level = edit % 2 == 0 ? "Information" : "Debug";
            test.WriteSettings($$"""{ "Sinks": { "capture": { "Level": "{{level}}" } } }""");
            Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= edit, Deadline), $"edit {edit} was not applied");
        }

        await stop.CancelAsync();
        await Task.WhenAll(producers);
        await host.StopAsync();

        var expected = counts.Select((count, t) => Enumerable.Range(0, count).Select(i => $"{t}-{i}")).SelectMany(x => x).ToHashSet();
        var seen = test.Messages.ToList();
        Assert.Equal(expected.Count, seen.Count);
        Assert.True(expected.SetEquals(seen));
        Assert.True(counts.Sum() > 1_000);
    }

    [Fact]
    public async Task BrokenJsonEdit_IsReported_KeepsTheLastGoodSinks_AndLosesNothing()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;
        using var stop = new CancellationTokenSource();
        var logged = 0;
        var producer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                logger.LogInformation("n{Index}", logged++);
            }
        });

        // A save half-way through an edit: the file no longer parses.
        File.WriteAllText(test.SettingsPath + ".tmp", """{ "Logging": { "LoguStyle": { "Sinks": { "capture": { "Level": """);
        File.Move(test.SettingsPath + ".tmp", test.SettingsPath, overwrite: true);
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 1, Deadline), "the broken file was never reported");
        var duringBrokenFile = Volatile.Read(ref logged);
        Assert.True(await TestHost.WaitUntil(() => Volatile.Read(ref logged) > duringBrokenFile + 1_000, Deadline));
        Assert.Equal(0, reloader.Applied);

        // The edit finished: the file parses again and its change applies.
        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Debug" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 1, Deadline), "the repaired file was never applied");
        await stop.CancelAsync();
        await producer;
        await host.StopAsync();

        Assert.Equal(Enumerable.Range(0, logged).Select(i => $"n{i}"), test.Messages);
    }

    [Fact]
    public async Task EditWithABadValue_IsRejected_AndThePreviousSinksKeepWriting()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Loudest" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 1, Deadline), "the bad edit was never seen");
        logger.LogInformation("after the bad edit");

        Assert.Contains("after the bad edit", test.Messages);
        Assert.Equal(0, reloader.Applied);
        await host.StopAsync();
    }

    // IOptionsMonitor<LoguStyleLoggerOptions>.CurrentValue is what the sinks run with: an edit that applies replaces it,
    // one that is rejected leaves it (an outside review found it stuck at the start-up options).
    [Fact]
    public async Task OptionsMonitorCurrentValue_FollowsTheAppliedReloads_NotTheRejectedOnes()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, _) = await test.StartAsync();
        using var hostScope = host;
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>();
        Assert.Equal(LogLevel.Information, monitor.CurrentValue.Sinks.Single(s => s.Name == "capture").Level);

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Warning" }, "second": { "Type": "Console", "Level": "Error" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 1, Deadline), "the edit was never applied");
        Assert.Equal(LogLevel.Warning, monitor.CurrentValue.Sinks.Single(s => s.Name == "capture").Level);
        Assert.Contains(monitor.CurrentValue.Sinks, s => s.Name == "second");

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Loudest" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 1, Deadline), "the bad edit was never seen");
        Assert.Equal(LogLevel.Warning, monitor.CurrentValue.Sinks.Single(s => s.Name == "capture").Level);
        Assert.Contains(monitor.CurrentValue.Sinks, s => s.Name == "second");
        await host.StopAsync();
    }

    // IOptionsMonitor's contract: OnChange runs with the new options when they change. The monitor knew of no change
    // (an outside review saw CurrentValue follow five reloads and OnChange run for none).
    [Fact]
    public async Task OptionsMonitorOnChange_RunsForEachAppliedReload_WithItsOptions_NotForARejectedOne()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, _) = await test.StartAsync();
        using var hostScope = host;
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>();
        var changes = new System.Collections.Concurrent.ConcurrentQueue<LoguStyleLoggerOptions>();
        using var listening = monitor.OnChange(changes.Enqueue);

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Warning" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 1 && !changes.IsEmpty, Deadline), "OnChange never ran for the applied edit");
        Assert.Equal(LogLevel.Warning, Assert.Single(changes).Sinks.Single(s => s.Name == "capture").Level);

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Loudest" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 1, Deadline), "the bad edit was never seen");
        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Error" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 2 && changes.Count >= 2, Deadline), "OnChange never ran for the second applied edit");
        Assert.Equal([LogLevel.Warning, LogLevel.Error], changes.Select(options => options.Sinks.Single(s => s.Name == "capture").Level));
        Assert.Equal(LogLevel.Error, monitor.CurrentValue.Sinks.Single(s => s.Name == "capture").Level);
        await host.StopAsync();
    }

    // A LogLevel value MEL cannot read fails a start with this file (LogLevelKeyCheck); in an edit it was applied
    // without a word for the rest of the edit, while MEL kept its previous filters (outside review).
    [Fact]
    public async Task EditWithABadLogLevelValue_IsRejectedAsAStartWithItIs_AndAnotherProvidersToo()
    {
        using var test = new TestHost(CaptureAtInformation);
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;

        test.WriteSettings("""{ "LogLevel": { "Default": "Loud" }, "Sinks": { "capture": { "Level": "Error" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 1, Deadline), "the bad edit was never seen");
        logger.LogInformation("after the bad edit");
        Assert.Contains("after the bad edit", test.Messages);
        Assert.Equal(0, reloader.Applied);

        // MEL's own LogLevel, outside LoguStyle's section, with LoguStyle's section back as it was: said as well.
        test.WriteSettings(CaptureAtInformation, logLevelJson: """{ "Default": "Trace", "My.App": "Quiet" }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Rejected >= 2, Deadline), "the bad MEL level was never said");
        Assert.Equal(0, reloader.Applied);

        test.WriteSettings("""{ "Sinks": { "capture": { "Level": "Warning" } } }""");
        Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 1, Deadline), "the good edit after them was never applied");
        await host.StopAsync();
    }

    private const string CaptureAtInformation = """{ "Sinks": { "capture": { "Level": "Information" } } }""";
}
