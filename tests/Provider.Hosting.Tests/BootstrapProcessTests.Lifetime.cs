namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/configuration.md, "Logging from the first line of Main": what the bootstrap logger does with a configuration
/// built in code and a sink that cannot be built, and what is left after its dispose. Real processes (BootstrapApp).
/// </summary>
public sealed partial class BootstrapProcessTests
{
    [Fact]
    public async Task Dispose_ClosesTheFile_DropsLaterRecords_AndALaterHostGetsAProviderOfItsOwn()
    {
        WriteSettings("plain");

        var run = await Run("after-dispose");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["fds closed=0", "fds second host=1", "fds second host disposed=0"], lines.Where(line => line.StartsWith("fds ", StringComparison.Ordinal)));
        Assert.Equal(["bootstrap 1", "second host"], Records().Select(r => r.Message));
    }

    [Fact]
    public async Task CreateLoggerFromConfiguration_SectionAndCodeSinksWrite_ASinkThatCannotBeBuiltIsLeftOutAndReported()
    {
        var run = await Run("code");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.False(File.Exists(_folder.File("broken.log")), "the sink that cannot be built was built");
        foreach (var file in new[] { "app.log", "code.log" })
        {
            var records = Records(_folder.File(file));
            Assert.Equal(2, records.Count);
            Assert.Equal(("ERROR", "LoguStyle.Configuration"), (records[0].Level, records[0].Category));
            Assert.StartsWith("Logging:LoguStyle:Sinks:broken: MaxLevel Information is below Level Error;", records[0].Message, StringComparison.Ordinal);
            Assert.Equal("bootstrap 1", records[1].Message);
        }
    }

    [Fact]
    public async Task CreateLoggerFromConfiguration_NoUsableSink_TheDefaultConsoleShowsTheProblemAndTheRecords()
    {
        var run = await Run("code-none");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.False(File.Exists(_folder.File("broken.log")), "the sink that cannot be built was built");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, line => line.Contains("| ERROR    | LoguStyle.Configuration - Logging:LoguStyle:Sinks:broken: MaxLevel Information is below Level Error;", StringComparison.Ordinal));
        Assert.Single(lines, line => line.EndsWith("| INFO     | Program - bootstrap 1", StringComparison.Ordinal));
    }
}
