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
        Assert.Matches(@"(?m)^.* \| INFO     \| Program - Starting the worker$", output);
        Assert.Matches(@"(?m)^.* \| DEBUG    \| WorkerService\.Worker - Stock checked for order 1$", output);
        Assert.Contains("| INFO     | WorkerService.Worker - Worker finished after", output, StringComparison.Ordinal);
        Assert.Contains("| INFO     | Microsoft.Hosting.Lifetime - Application is shutting down...", output, StringComparison.Ordinal);
        Assert.Contains("sink 'console' (Console): standard output", output, StringComparison.Ordinal);
        Assert.Contains($"sink 'file' (File): {Path.Combine(RepositoryPaths.SampleOutput, "logs")}", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^      worker\.\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\d{6}[+-]\d{4}(\.\d+)?\.log\.gz \(", output);
    }

    [Fact]
    public async Task Sample_SigTermWhileLoggingAtFullSpeed_EveryOrderLoggedBeforeTheSignalIsInItsFiles()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Sample__Seconds"] = "120",
            ["Sample__PauseMilliseconds"] = "0",
            ["Logging__LoguStyle__Sinks__file__Path"] = Path.Combine(folder.Path, "worker.log"),
            ["Logging__LoguStyle__Sinks__file__Rotation__0"] = "10 MB",
        };
        var output = RepositoryPaths.SampleOutput;
        using var sample = RunningProcess.StartDotnet(Path.Combine(output, "WorkerService.dll"), [], output, environment);

        // The console sink writes each record before the logging call returns: an order seen on stdout was logged.
        await sample.WaitForLineAsync(line => PlacedOrder(line) >= 3_000, TimeSpan.FromSeconds(60));
        var loggedBefore = sample.Lines.Max(PlacedOrder);
        await sample.SignalAsync("TERM");

        Assert.Equal(0, await sample.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var placed = Directory.GetFiles(folder.Path, "worker*")
            .SelectMany(file => ReadText(file).Split('\n'))
            .Select(PlacedOrder)
            .Where(order => order > 0)
            .ToHashSet();
        var missing = Enumerable.Range(1, loggedBefore).Where(order => !placed.Contains(order)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of the {loggedBefore} orders logged before SIGTERM are not in the files, first {missing.FirstOrDefault()}");
        Assert.Contains(sample.Lines, line => line.Contains("Application is shutting down...", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sample_BadConfiguration_ExitsOneWithTheProblemAndTheFailureInItsFile()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "worker.log");
        var run = await RunSample(new Dictionary<string, string?>
        {
            ["NO_COLOR"] = "1",
            ["Logging__LoguStyle__Sinks__console__Level"] = "Loud",
            ["Logging__LoguStyle__Sinks__file__Path"] = path,
        });

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        // Rotated (4 KB, RotateOnShutdown) and compressed, or still active: every file of the sink, oldest first.
        var logged = string.Concat(Directory.GetFiles(folder.Path, "worker*").Order(StringComparer.Ordinal).Select(ReadText));
        Assert.Contains("| Program |  - Starting the worker", logged, StringComparison.Ordinal);
        Assert.Contains("| ERROR    | LoguStyle.Configuration |  - Logging:LoguStyle:Sinks:console:Level: 'Loud' is not a level;", logged, StringComparison.Ordinal);
        Assert.Contains("| CRITICAL | Program |  - The worker terminated unexpectedly", logged, StringComparison.Ordinal);
        Assert.Contains("OptionsValidationException: LoguStyle's logging configuration has 1 problem:", logged, StringComparison.Ordinal);
    }

    private static int PlacedOrder(string line)
    {
        var match = System.Text.RegularExpressions.Regex.Match(line, @" - Order (\d+) placed: ");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static string ReadText(string path)
    {
        using var file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content);
        return reader.ReadToEnd();
    }

    private static Task<ProcessRun> RunSample(Dictionary<string, string?> environment)
    {
        environment["Sample__Seconds"] = "1";
        environment["DOTNET_ENVIRONMENT"] = "Production";
        var output = RepositoryPaths.SampleOutput;
        return ProcessRun.StartAsync("dotnet", [Path.Combine(output, "WorkerService.dll")], output, environment, TimeSpan.FromSeconds(90));
    }
}
