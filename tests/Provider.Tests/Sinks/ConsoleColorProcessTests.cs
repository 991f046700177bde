namespace LoguStyle.Tests.Sinks;

/// <summary>
/// Colours in CI, seen as a CI sees them: the test app's stdout and stderr are pipes (not terminals), and only the
/// environment says whether the log viewer renders ANSI colours. The app also splits its output as MEL's
/// <c>LogToStandardErrorThreshold</c> does, with MaxLevel on its stdout sink.
/// </summary>
public class ConsoleColorProcessTests : IDisposable
{
    private const string Esc = "\u001b";
    private static readonly string[] CiVariables = ["GITHUB_ACTIONS", "TF_BUILD", "CI", "NO_COLOR", "FORCE_COLOR", "TERM"];
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("GITHUB_ACTIONS", "true", null, true)]
    [InlineData("TF_BUILD", "True", null, true)]
    [InlineData("GITHUB_ACTIONS", "true", "NO_COLOR", false)]
    [InlineData("TF_BUILD", "True", "NO_COLOR", false)]
    [InlineData("CI", "true", null, false)]
    [InlineData(null, null, "FORCE_COLOR", true)]
    public async Task RedirectedOutput_CiVariable_ColoursOnlyWhereTheCiRendersThem(string? variable, string? value, string? overrideVariable, bool coloured)
    {
        var environment = CiVariables.ToDictionary(name => name, _ => (string?)null);
        if (variable is not null)
        {
            environment[variable] = value;
        }

        if (overrideVariable is not null)
        {
            environment[overrideVariable] = "1";
        }

        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.TestApp, "console", _folder.File("unused")], _folder.Path, environment, TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var green = $"{Esc}[32m";
        Assert.Equal(coloured ? $"{green}INFO{Esc}[0m to stdout" : "INFO to stdout", Strip(run.StandardOutput));
        Assert.Equal(coloured ? $"{green}WARNING{Esc}[0m to stderr" : "WARNING to stderr", Strip(run.StandardError));
    }

    private static string Strip(string text) => text.TrimEnd('\n', '\r');
}
