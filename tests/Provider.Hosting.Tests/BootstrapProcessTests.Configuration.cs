namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Claims of docs/configuration.md ("Logging from the first line of Main") about what the bootstrap logger reads and
/// reports, each as a real process: the LogLevel rules filter it, a settings file that does not parse is reported while
/// the command line still applies, a misspelt provider section is a WARNING record, and SIGINT or the end of Main before the host flushes.
/// </summary>
public sealed partial class BootstrapProcessTests
{
    [Fact]
    public async Task Configuration_LogLevelRules_FilterTheBootstrapLoggerAsTheHostsLoggers()
    {
        File.WriteAllText(_folder.File("appsettings.json"), """
            {
              "Logging": {
                "LogLevel": { "Default": "Information", "Microsoft": "Warning" },
                "LoguStyle": {
                  "LogLevel": { "Program": "Warning", "Program.Host": "Information" },
                  "Sinks": { "file": { "Type": "File", "Path": "app.log", "Serialize": true } }
                }
              }
            }
            """);

        var run = await Run("args");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Equal(["host built"], Records().Select(r => r.Message));
    }

    [Fact]
    public async Task BrokenSettingsFile_IsAnErrorRecord_TheCommandLineStillApplies_AndTheHostsFailureIsInTheFile()
    {
        File.WriteAllText(_folder.File("appsettings.json"), "{ \"Logging\": ");

        var run = await Run(
            "args",
            "--Logging:LoguStyle:Sinks:file:Type=File",
            $"--Logging:LoguStyle:Sinks:file:Path={_folder.File("app.log")}",
            "--Logging:LoguStyle:Sinks:file:Serialize=true");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        var problem = Assert.Single(records, r => r.Category == "LoguStyle.Configuration");
        Assert.Equal("ERROR", problem.Level);
        Assert.Contains("appsettings.json", problem.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Message == "before build");
        var failure = Assert.Single(records, r => r.Level == "CRITICAL");
        Assert.Contains("appsettings.json", failure.ExceptionMessage, StringComparison.Ordinal);
    }

    // MEL's logger factory throws for a LogLevel value it cannot parse, naming no key; the bootstrap logger never throws
    // for bad configuration (README): each such key is an ERROR record, the others still filter, and the host refuses
    // to start naming the key, which the catch logs.
    [Theory]
    [InlineData("Logging:LogLevel:Default")]
    [InlineData("Logging:LogLevel:Microsoft")]
    [InlineData("Logging:LoguStyle:LogLevel:Default")]
    [InlineData("Logging:Console:LogLevel:Default")]
    public async Task BadLogLevelValue_IsAnErrorRecordNamingTheKey_AndTheHostsRefusalIsInTheFile(string key)
    {
        var run = await Run(
            "args",
            $"--{key}=Loud",
            "--Logging:LoguStyle:Sinks:file:Type=File",
            $"--Logging:LoguStyle:Sinks:file:Path={_folder.File("app.log")}",
            "--Logging:LoguStyle:Sinks:file:Serialize=true");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        var expected = $"{key}: 'Loud' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical, None.";
        var problem = Assert.Single(records, r => r.Category == "LoguStyle.Configuration");
        Assert.Equal("ERROR", problem.Level);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Message == "before build");
        var failure = Assert.Single(records, r => r.Level == "CRITICAL");
        Assert.Contains(expected, failure.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltProviderSection_IsAWarningRecord_AndTheHostRuns()
    {
        WriteSettings("plain");
        File.WriteAllText(_folder.File("appsettings.Production.json"), """{ "Logging": { "LoguStlye": { "Sinks": { "x": { "Type": "Console" } } } } }""");

        var run = await Run("args");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        var warning = Assert.Single(records, r => r.Category == "LoguStyle.Configuration");
        Assert.Equal("WARNING", warning.Level);
        Assert.StartsWith("Logging:LoguStlye: not read; LoguStyle reads Logging:LoguStyle.", warning.Message, StringComparison.Ordinal);

        // Once per process: the host that adopts the bootstrap logger reads the same section and does not say it again.
        Assert.DoesNotContain("LoguStlye", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(["before build", "host built"], records.Where(r => r.Category.StartsWith("Program", StringComparison.Ordinal)).Select(r => r.Message));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("enqueue")]
    public async Task EndOfMain_WithoutDispose_WhatWasLoggedIsInTheFile(string file)
    {
        WriteSettings(file);

        var run = await Run("return");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Equal(["bootstrap 1", "bootstrap 2", "bootstrap 3"], Records().Select(r => r.Message));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("enqueue")]
    public async Task SigInt_BeforeRun_WhatWasLoggedIsInTheFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await SignalBeforeRun(file, "INT");
    }
}
