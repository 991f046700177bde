using System.Text.Json;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The bootstrap logger reads the command line as <c>Host.CreateApplicationBuilder(args)</c> does (docs/configuration.md,
/// "Where it reads"): <c>--contentRoot</c>, <c>--environment</c> and configuration keys, checked against what the host
/// itself says it read (the app prints its environment and content root) and against the file both write.
/// </summary>
public sealed partial class BootstrapProcessTests
{
    [Fact]
    public async Task CommandLine_ContentRootEnvironmentAndKeys_ApplyAsTheHostReadsThem()
    {
        var config = Directory.CreateDirectory(_folder.File("config")).FullName;
        var cwd = Directory.CreateDirectory(_folder.File("cwd")).FullName;
        WriteFileSink(Path.Combine(config, "appsettings.json"), _folder.File("app.log"));
        WriteFileSink(Path.Combine(config, "appsettings.Staging.json"), _folder.File("staging.log"));
        WriteFileSink(Path.Combine(config, "appsettings.Development.json"), _folder.File("dev.log"));
        var environment = Environment();
        environment["DOTNET_ENVIRONMENT"] = "Development";
        environment["Logging__LoguStyle__Sinks__file__JsonFormat"] = "Ecs";

        // The command line wins over DOTNET_ENVIRONMENT and over the environment variable's key; the content root is
        // not the working directory.
        var run = await RunIn(cwd, environment, "args", "--contentRoot", config, "--environment", "Staging", "--Logging:LoguStyle:Sinks:file:JsonFormat=Clef");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Contains("environment=Staging", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"content-root={config}", run.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("app.log")), "appsettings.Staging.json's Path was not applied");
        Assert.False(File.Exists(_folder.File("dev.log")), "DOTNET_ENVIRONMENT was taken over --environment");
        Assert.Equal(["before build", "host built"], ClefMessages(_folder.File("staging.log")));
    }

    [Fact]
    public async Task CommandLine_RelativeContentRoot_IsResolvedWhereTheHostResolvesIt()
    {
        // The host resolves a relative --contentRoot against the app's base directory, not the working directory: the
        // bootstrap logger must find appsettings.json in the same folder, or it logs to the default console while the
        // host logs to the file.
        var config = Directory.CreateDirectory(_folder.File("config")).FullName;
        WriteFileSink(Path.Combine(config, "appsettings.json"), _folder.File("app.log"));
        var relative = Path.GetRelativePath(Path.GetDirectoryName(RepositoryPaths.BootstrapApp)!, config);

        // A working directory deep enough that the same relative path, taken from it, names another folder.
        var cwd = Directory.CreateDirectory(Path.Combine(_folder.Path, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j")).FullName;
        var run = await RunIn(cwd, Environment(), "args", "--contentRoot", relative);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var hostRoot = run.StandardOutput.Split('\n').Single(line => line.StartsWith("content-root=", StringComparison.Ordinal))["content-root=".Length..].TrimEnd();
        Assert.Equal(config, Path.GetFullPath(hostRoot).TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal(["before build", "host built"], Records().Select(r => r.Message));
    }

    [Fact]
    public async Task CommandLine_ContentRootThatDoesNotExist_IsReported_AndTheHostsFailureIsLogged()
    {
        var missing = _folder.File("missing");

        var run = await Run("args", "--contentRoot", missing);

        // No sink is configured, so both records are on the default console.
        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Contains($"The content root {missing} does not exist: appsettings.json was not read.", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("The host terminated unexpectedly", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("System.IO.DirectoryNotFoundException", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLine_BadValue_TheProblemAndTheHostsFailureAreInTheFile()
    {
        WriteSettings("plain");

        var run = await Run("args", "--Logging:LoguStyle:Sinks:console:Type=Console", "--Logging:LoguStyle:Sinks:console:Level=Loud");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        var problem = Assert.Single(records, r => r.Category == "LoguStyle.Configuration");
        Assert.StartsWith("Logging:LoguStyle:Sinks:console:Level: 'Loud' is not a level;", problem.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Message == "before build");
        var failure = Assert.Single(records, r => r.Level == "CRITICAL");
        Assert.Equal("Microsoft.Extensions.Options.OptionsValidationException", failure.ExceptionType);
        Assert.Contains("Logging:LoguStyle:Sinks:console:Level: 'Loud'", failure.ExceptionMessage, StringComparison.Ordinal);
    }

    private static void WriteFileSink(string settings, string path) =>
        File.WriteAllText(settings, $$"""
            {
              "Logging": {
                "LogLevel": { "Default": "Information", "Microsoft": "Warning" },
                "LoguStyle": { "Sinks": { "file": { "Type": "File", "Path": {{JsonSerializer.Serialize(path)}}, "Serialize": true } } }
              }
            }
            """);

    private static List<string?> ClefMessages(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("@m").GetString();
        })];

    private static Task<ProcessRun> RunIn(string workingDirectory, Dictionary<string, string> environment, params string[] arguments) =>
        ProcessRun.StartAsync("dotnet", [RepositoryPaths.BootstrapApp, .. arguments], workingDirectory, environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value), Deadline);
}
