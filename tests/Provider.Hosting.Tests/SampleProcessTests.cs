using LoguStyle.Hosting.Tests.Support;

namespace LoguStyle.Hosting.Tests;

/// <summary>Runs samples/WorkerService as a real process, as the README's first command does.</summary>
public class SampleProcessTests
{
    private const string Esc = "\u001b";

    [Fact]
    public async Task Sample_ForceColor_ExitsZeroWithColouredOutput()
    {
        var run = await RunSample(new Dictionary<string, string?> { ["FORCE_COLOR"] = "1", ["NO_COLOR"] = null });

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Contains($"{Esc}[32m", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{Esc}[1mINFO    {Esc}[0m", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"{Esc}[31;1mERROR   {Esc}[0m", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("LoguStyle wrote this run's records to:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_NoColor_ExitsZeroWithPlainLoguruLines()
    {
        var run = await RunSample(new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["FORCE_COLOR"] = null });

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var output = run.StandardOutput;
        Assert.DoesNotContain(Esc, output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| INFO     \| WorkerService\.Worker - Worker starting; logging for 1 seconds$", output);
        Assert.Matches(@"(?m)^.* \| DEBUG    \| WorkerService\.Worker - Stock checked for order 1$", output);
        Assert.Contains("| INFO     | WorkerService.Worker - Worker finished after", output, StringComparison.Ordinal);
        Assert.Contains("| INFO     | Microsoft.Hosting.Lifetime - Application is shutting down...", output, StringComparison.Ordinal);
        Assert.Contains("sink 'console' (Console): standard output", output, StringComparison.Ordinal);
        Assert.Contains($"sink 'file' (File): {Path.Combine(RepositoryPaths.SampleOutput, "logs")}", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^      worker\.\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\d{6}(\.\d+)?\.log\.gz \(", output);
    }

    private static Task<ProcessRun> RunSample(Dictionary<string, string?> environment)
    {
        environment["Sample__Seconds"] = "1";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        var output = RepositoryPaths.SampleOutput;
        return ProcessRun.StartAsync("dotnet", [Path.Combine(output, "WorkerService.dll")], output, environment, TimeSpan.FromSeconds(90));
    }
}
