namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// Packs LoguStyle, LoguStyle.Hosting and the LoguStyle.Tool dotnet tool once per test class with <c>dotnet pack</c> into a temp folder. The tests run
/// under the build lock of whoever runs <c>dotnet test</c>, so this pack never meets another build.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);
    private readonly TempFolder _folder = new();

    /// <summary>Everything <c>dotnet pack</c> printed.</summary>
    public string Output { get; private set; } = "";

    /// <summary>The version every package of this pack has (Directory.Build.props).</summary>
    public static string Version => typeof(LoguStyleLoggerProvider).Assembly.GetName().Version!.ToString(3);

    /// <summary>The folder the packages were packed into, a local NuGet source.</summary>
    public string Folder => Path.Combine(_folder.Path, "packages");

    public string Nupkg(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    public string Snupkg(string id) => Path.Combine(Folder, $"{id}.{Version}.snupkg");

    public async Task InitializeAsync()
    {
        foreach (var project in new[] { "Provider/Provider.csproj", "Provider.Hosting/Provider.Hosting.csproj", "Tool/Tool.csproj" })
        {
            var pack = await ProcessRun.StartAsync(
                "dotnet",
                ["pack", Path.Combine(RepositoryPaths.Root, "src", project), "-c", "Release",
                 "-o", Folder,
                 // Its own obj/bin: the repository's build output is not touched.
                 "--artifacts-path", Path.Combine(_folder.Path, "artifacts"),
                 // No build server outlives the pack holding its output pipes.
                 "--disable-build-servers", "-nodeReuse:false"],
                _folder.Path,
                new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
                PackTimeout);
            Output += pack.StandardOutput + pack.StandardError;
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed ({pack.ExitCode}):{Environment.NewLine}{Output}");
            }
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
