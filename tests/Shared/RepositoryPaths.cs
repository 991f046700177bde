namespace LoguStyle.Testing;

/// <summary>Finds the repository and the sample's build output from the test's own output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests run in (Debug or Release), read from their output path.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string SampleOutput => Path.Combine(Root, "samples", "WorkerService", "bin", Configuration, "net10.0");

    public static string FaultApp => Path.Combine(Root, "tests", "Provider.FaultApp", "bin", Configuration, "net10.0", "LoguStyle.FaultApp.dll");

    /// <summary>The project AotPublishTests publishes with Native AOT (not a build output: it is published from source).</summary>
    public static string AotAppProject => Path.Combine(Root, "tests", "Provider.AotApp", "Provider.AotApp.csproj");

    public static string BootstrapApp => Path.Combine(Root, "tests", "Provider.BootstrapApp", "bin", Configuration, "net10.0", "LoguStyle.BootstrapApp.dll");

    public static string TestApp => Path.Combine(Root, "tests", "Provider.TestApp", "bin", Configuration, "net10.0", "LoguStyle.TestApp.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provider.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Provider.sln not found above {AppContext.BaseDirectory}.");
    }
}
