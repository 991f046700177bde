using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// Publishes tests/Provider.AotApp with Native AOT once for the test class (the slow part: about 1.5 minutes here),
/// into a temp folder with its own artifacts path, so the repository's build output is not touched; then runs the
/// binary as a real process until it says it is ready, sends SIGTERM and keeps what it printed and the files it wrote.
/// The tests run under the build lock of whoever runs <c>dotnet test</c>, so this publish never meets another build.
/// </summary>
public sealed partial class AotAppRun : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    /// <summary>Everything <c>dotnet publish</c> printed.</summary>
    public string PublishOutput { get; private set; } = string.Empty;

    /// <summary>The trim and AOT warnings (IL2xxx, IL3xxx) the publish printed, as warnings or as errors.</summary>
    public IReadOnlyList<string> TrimWarnings { get; private set; } = [];

    public IReadOnlyList<string> StandardOutput { get; private set; } = [];

    public string StandardError { get; private set; } = string.Empty;

    public int ExitCode { get; private set; }

    /// <summary>The app's logs folder (its working directory is the publish folder).</summary>
    public string Logs => Path.Combine(_folder.Path, "app", "logs");

    public async Task InitializeAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (FindOnPath("clang") is null)
        {
            throw new InvalidOperationException(
                "clang is not on PATH: a Native AOT publish needs Debian's clang and zlib1g-dev (apt-get update && apt-get install -y clang zlib1g-dev; .ci/run installs them).");
        }

        var app = Path.Combine(_folder.Path, "app");
        var publish = await ProcessRun.StartAsync(
            "dotnet",
            ["publish", RepositoryPaths.AotAppProject, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
             "--artifacts-path", Path.Combine(_folder.Path, "artifacts"), "-o", app,
             // Warnings stay warnings, each printed on its own (not one IL2104 per assembly), so a regression still
             // yields a binary: Publish_PrintsNoTrimOrAotWarning names the warnings, the other tests show their effect.
             "-p:TreatWarningsAsErrors=false", "-p:TrimmerSingleWarn=false",
             // No build server outlives the publish holding its output pipes (and a compiler server started here would
             // serve the repository's next build from this temp folder's state).
             "--disable-build-servers", "-nodeReuse:false"],
            _folder.Path,
            new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            PublishTimeout);
        PublishOutput = publish.StandardOutput + publish.StandardError;
        TrimWarnings = [.. TrimWarning().Matches(PublishOutput).Select(m => m.Value).Distinct()];
        var binary = Path.Combine(app, "LoguStyle.AotApp");
        if (publish.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"dotnet publish of the AOT app failed ({publish.ExitCode}); a missing native toolchain needs apt-get install -y clang zlib1g-dev. Output:{Environment.NewLine}{PublishOutput}");
        }

        using var process = RunningProcess.Start(binary, [], app, new Dictionary<string, string> { ["NO_COLOR"] = "1" });
        await process.WaitForLineAsync(line => line == "aot-app ready", RunTimeout);
        await process.SignalAsync("TERM");
        ExitCode = await process.WaitForExitAsync(RunTimeout);
        StandardOutput = process.Lines;
        StandardError = process.StandardError;
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"\b(warning|error) IL[23]\d{3}\b[^\r\n]*")]
    private static partial Regex TrimWarning();
}
