namespace LoguStyle.Tool.Tests.Support;

/// <summary>Runs the built logu (src/Tool's output) as a real process, with the colour variables of the test's own environment removed.</summary>
internal static class Logu
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static string Dll => Path.Combine(RepositoryPaths.Root, "src", "Tool", "bin", RepositoryPaths.Configuration, "net10.0", "LoguStyle.Tool.dll");

    public static Task<ProcessRun> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), arguments);

    public static Task<ProcessRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        ProcessRun.StartAsync("dotnet", [Dll, .. arguments], workingDirectory, Environment(environment), Timeout);

    /// <summary>Starts <c>logu</c> and leaves it running (tail -f).</summary>
    public static RunningProcess Start(string workingDirectory, params string[] arguments) =>
        RunningProcess.StartDotnet(Dll, arguments, workingDirectory, new Dictionary<string, string> { ["NO_COLOR"] = "1" });

    /// <summary>Runs a shell line (a pipe), <c>{logu}</c> standing for the command that starts logu.</summary>
    public static Task<ProcessRun> ShellAsync(string workingDirectory, string script) =>
        ProcessRun.StartAsync("bash", ["-c", script.Replace("{logu}", $"dotnet '{Dll}'", StringComparison.Ordinal)], workingDirectory, Environment(new Dictionary<string, string?>()), Timeout);

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> overrides)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NO_COLOR"] = null,
            ["FORCE_COLOR"] = null,
            ["GITHUB_ACTIONS"] = null,
            ["TF_BUILD"] = null,
            ["TERM"] = null,
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return environment;
    }
}
