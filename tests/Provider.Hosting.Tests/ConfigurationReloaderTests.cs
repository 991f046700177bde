using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Each reload starts from the sinks as code declared them: nothing an earlier edit (applied or rejected) set survives
/// into a later one, and each rejected edit is counted and reported once.
/// </summary>
public class ConfigurationReloaderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RemovedLevelKey_RevertsToTheLevelSetInCode()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { "Level": "Warning" } } }""");
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;

        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Enqueue": false } } }""", applied: 1, rejected: 0);
        logger.LogInformation("after the Level key was removed");

        Assert.Contains("after the Level key was removed", test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task FilterEntriesOfEarlierEdits_DoNotPileUp()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { "Filter": { "A": "Error" } } } }""");
        var (host, reloader, _) = await test.StartAsync();
        using var hostScope = host;

        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Filter": { "B": "Error" } } } }""", applied: 1, rejected: 0);
        TestHost.Logger(host, "A").LogInformation("A after its rule was removed");
        TestHost.Logger(host, "B").LogInformation("B under its new rule");

        Assert.Contains("A after its rule was removed", test.Messages);
        Assert.DoesNotContain("B under its new rule", test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task ValuesOfARejectedEdit_AreNotAppliedByTheNextValidOne()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { } } }""");
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;

        // Level is good, Enqueue is not: the whole edit is rejected, its Level included.
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Error", "Enqueue": "maybe" } } }""", applied: 0, rejected: 1);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Filter": { "B": "Error" } } } }""", applied: 1, rejected: 1);
        logger.LogInformation("information after the valid edit");

        Assert.Contains("information after the valid edit", test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task RejectedFormat_DoesNotRejectTheEditsAfterIt()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { } } }""");
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;

        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Format": "{message" } } }""", applied: 0, rejected: 1);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Warning" } } }""", applied: 1, rejected: 1);
        logger.LogInformation("information under Warning");
        logger.LogWarning("warning under Warning");

        Assert.Equal(["warning under Warning"], test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task LevelStyleSetInCode_ComesBackWhenItsKeysAreRemoved()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var warning = new LoguStyle.LevelStyle { Name = "CODE-WARN" };
        using var test = new TestHost("""{ "Levels": { "Warning": { "Name": "FILE-WARN" } } }""", log =>
        {
            log.AddTextSink(lines.Enqueue, text => { text.Format = "{level} {message}"; text.Name = "text"; });
            log.Services.Configure<LoguStyleLoggerOptions>(options => options.Levels[LogLevel.Warning] = warning);
        });
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;
        logger.LogWarning("from the file");

        await EditAsync(test, reloader, """{ "Sinks": { "capture": { } } }""", applied: 1, rejected: 0);
        logger.LogWarning("from code");

        Assert.Equal(["FILE-WARN from the file\n", "CODE-WARN from code\n"], lines);
        Assert.Equal("CODE-WARN", warning.Name);
        await host.StopAsync();
    }

    [Fact]
    public async Task EachEdit_IsAppliedOrRejectedOnce()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { } } }""");
        var (host, reloader, _) = await test.StartAsync();
        using var hostScope = host;

        // Saved in place, as editors do: the file watcher sees one save as several changes (2-4 here), and each must
        // not be another rebuild or another rejection on stderr. Each edit is written once the one before is counted,
        // when the watcher has delivered its changes, so any repeat shows in the counts of the next.
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Loudest" } } }""", applied: 0, rejected: 1, inPlace: true);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Debug" } } }""", applied: 1, rejected: 1, inPlace: true);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Format": "<red>{message}" } } }""", applied: 1, rejected: 2, inPlace: true);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Warning" } } }""", applied: 2, rejected: 2, inPlace: true);
        await EditAsync(test, reloader, """{ "Sinks": { "capture": { "Level": "Error" } } }""", applied: 3, rejected: 2);

        await host.StopAsync();
    }

    [Fact]
    public async Task Reload_TheMetersCountersGoOnFromTheirValuesBefore()
    {
        using var meter = new SinkMeter();
        using var folder = new TempFolder();
        var name = "file-" + Guid.NewGuid().ToString("N");
        var path = folder.File("app.log").Replace("\\", "/", StringComparison.Ordinal);
        string Settings(string level) => $$"""{ "Sinks": { "{{name}}": { "Type": "File", "Path": "{{path}}", "Format": "{message}", "Level": "{{level}}" } } }""";
        using var test = new TestHost(Settings("Information"));
        var (host, reloader, logger) = await test.StartAsync();
        using var hostScope = host;
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();

        for (var i = 0; i < 1_000; i++)
        {
            logger.LogInformation("0123456789");
        }

        await provider.FlushAsync();
        Assert.Equal(1_000, meter.Read("logustyle.records.written", name));

        await EditAsync(test, reloader, Settings("Debug"), applied: 1, rejected: 0);
        Assert.Equal(1_000, meter.Read("logustyle.records.written", name));
        Assert.Equal(11_000, meter.Read("logustyle.bytes.written", name));

        logger.LogInformation("0123456789");
        await provider.FlushAsync();
        Assert.Equal(1_001, meter.Read("logustyle.records.written", name));
        await host.StopAsync();
    }

    /// <summary>
    /// Writes the edit, waits until the reloader has counted that many applied and rejected edits in all, and checks
    /// it counted no more.
    /// </summary>
    private static async Task EditAsync(TestHost test, ConfigurationReloader reloader, string json, int applied, int rejected, bool inPlace = false)
    {
        test.WriteSettings(json, inPlace: inPlace);
        await TestHost.WaitUntil(() => reloader.Applied >= applied && reloader.Rejected >= rejected, Deadline);
        Assert.True(
            (reloader.Applied, reloader.Rejected) == (applied, rejected),
            $"after the edit {json}: applied {reloader.Applied}, rejected {reloader.Rejected}; expected {applied} and {rejected}");
    }
}
