using LoguStyle.Tool.Tests.Support;

namespace LoguStyle.Tool.Tests;

/// <summary>
/// The tool as a user gets it: <c>dotnet pack</c> of src/Tool into a temp folder (its own artifacts path, so the
/// repository's obj/bin stay untouched), <c>dotnet tool install --tool-path</c> from that folder, then <c>logu</c>
/// from where it was installed.
/// </summary>
public sealed class ToolInstallTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private static readonly Dictionary<string, string?> Quiet = new() { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PackedTool_InstallsFromTheFolder_AndLoguHelpRuns()
    {
        var packages = Path.Combine(_folder.Path, "packages");
        var pack = await ProcessRun.StartAsync(
            "dotnet",
            ["pack", Path.Combine(RepositoryPaths.Root, "src", "Tool", "Tool.csproj"), "-c", "Release", "-o", packages,
             "--artifacts-path", Path.Combine(_folder.Path, "artifacts"), "--disable-build-servers", "-nodeReuse:false"],
            _folder.Path,
            Quiet,
            Timeout);
        Assert.True(pack.ExitCode == 0, pack.StandardOutput + pack.StandardError);
        Assert.Single(Directory.GetFiles(packages, "LoguStyle.Tool.*.nupkg"));

        var tools = Path.Combine(_folder.Path, "tools");
        var install = await ProcessRun.StartAsync(
            "dotnet",
            ["tool", "install", "--tool-path", tools, "--add-source", packages, "LoguStyle.Tool"],
            _folder.Path,
            Quiet,
            Timeout);
        Assert.True(install.ExitCode == 0, install.StandardOutput + install.StandardError);

        var help = await ProcessRun.StartAsync(Path.Combine(tools, "logu"), ["--help"], _folder.Path, Quiet, Logu.Timeout);

        Assert.Equal((0, string.Empty), (help.ExitCode, help.StandardError));
        Assert.Contains("logu view <path> [options]", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", help.StandardOutput, StringComparison.Ordinal);
    }
}
