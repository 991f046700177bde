using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>The MaxLevel key from appsettings.json: on a file, an enqueued file and a code delegate sink at once, and its validation.</summary>
public class MaxLevelConfigurationTests
{
    [Fact]
    public async Task MaxLevel_FromAppSettings_EachSinkWritesOnlyItsBand()
    {
        using var folder = new TempFolder();
        var low = folder.File("low.log").Replace("\\", "/", StringComparison.Ordinal);
        var high = folder.File("high.log").Replace("\\", "/", StringComparison.Ordinal);
        using var test = new TestHost($$"""
            { "Sinks": {
                "low": { "Type": "File", "Path": "{{low}}", "Format": "{level}", "MaxLevel": "warning", "Enqueue": true },
                "high": { "Type": "File", "Path": "{{high}}", "Format": "{level}", "Level": "Error" },
                "capture": { "MaxLevel": "Information" } } }
            """);
        var (host, _, logger) = await test.StartAsync();
        using (host)
        {
            foreach (var level in new[] { LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
            {
#pragma warning disable CA1848, CA2254 // A fixed message at each level.
                logger.Log(level, "m");
#pragma warning restore CA1848, CA2254
            }

            await host.StopAsync();
        }

        Assert.Equal(["INFO", "WARNING"], File.ReadAllLines(low));
        Assert.Equal(["ERROR", "CRITICAL"], File.ReadAllLines(high));
        Assert.Equal([LogLevel.Information], test.Captured.Select(record => record.Level));
    }

    [Fact]
    public async Task StartUp_MaxLevelBelowLevelOrNotALevel_FailsNamingTheKeys()
    {
        var message = await ValidationTests.StartUpError("""{ "Sinks": { "a": { "Type": "Console", "Level": "Error", "MaxLevel": "Warning" }, "b": { "Type": "Console", "MaxLevel": "Loud" } } }""");

        Assert.Contains("Logging:LoguStyle:Sinks:a", message, StringComparison.Ordinal);
        Assert.Contains("MaxLevel Warning is below Level Error", message, StringComparison.Ordinal);
        Assert.Contains("Logging:LoguStyle:Sinks:b:MaxLevel: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None", message, StringComparison.Ordinal);
    }
}
