using System.Runtime.CompilerServices;
using LoguStyle.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// A host whose build fails on a bad LoguStyle or LogLevel value leaves nothing of itself reachable: no provider, no
/// options monitor, and so not its configuration, whose appsettings.json (reloadOnChange) holds a file watcher, an
/// inotify instance on Linux. The outside API review found one kept per failed build (an options monitor of MEL's filters,
/// subscribed to MEL's static EventSource): after 128 failed builds no host of the same user could start
/// ("The configured user limit (128) on the number of inotify instances has been reached").
/// </summary>
public sealed class FailedBuildTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> BadSettings => new()
    {
        // A sink's value, LoguStyle's own filter, MEL's filter and another provider's.
        """{ "Logging": { "LoguStyle": { "Sinks": { "f": { "Type": "File", "Path": "PATH", "Level": "Loud" } } } } }""",
        """{ "Logging": { "LoguStyle": { "LogLevel": { "Default": "Loud" }, "Sinks": { "f": { "Type": "File", "Path": "PATH" } } } } }""",
        """{ "Logging": { "LogLevel": { "Default": "Loud" }, "LoguStyle": { "Sinks": { "f": { "Type": "File", "Path": "PATH" } } } } }""",
        """{ "Logging": { "Console": { "LogLevel": { "Default": "Loud" } }, "LoguStyle": { "Sinks": { "f": { "Type": "File", "Path": "PATH" } } } } }""",
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void BuildFailingOnABadValue_LeavesItsConfigurationUnreachable_SoItsFileWatcherIsReleased(string settings)
    {
        var configurations = Enumerable.Range(0, 3).Select(_ => BuildThatFails(settings)).ToList();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.All(configurations, configuration => Assert.False(configuration.TryGetTarget(out _), "a failed build's configuration is still reachable"));
        Assert.False(File.Exists(_folder.File("app.log")), "a failed build opened the sink's file");
    }

    // Not inlined: the builder and the host's parts are out of reach once it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WeakReference<object> BuildThatFails(string settings)
    {
        var root = Directory.CreateDirectory(_folder.File(Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(root, "appsettings.json"), settings.Replace("PATH", _folder.File("app.log").Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = root });
        builder.Logging.ClearProviders().AddLoguStyle();
        Assert.ThrowsAny<Exception>(() => builder.Build());
        return new WeakReference<object>(builder.Configuration);
    }
}
