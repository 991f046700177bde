using System.Text.Json;

namespace LoguStyle.SideBySide.Tests;

/// <summary>
/// The runner as a user starts it, with real child processes writing real files: a paced run short enough for a test
/// (1,000 records/s, a 2 s warm-up, 0.2 s measured) of LoguStyle and ZLogger.
/// </summary>
[Trait("Category", "Stress")]
public sealed class RunnerTests
{
    private static readonly string Runner = Path.Combine(RepositoryPaths.Root, "benchmarks", "SideBySide", "bin", RepositoryPaths.Configuration, "net10.0", "LoguStyle.SideBySide.dll");

    private static readonly string[] PacedSmoke = ["paced", "1000", "0.2", "1", "logustyle-direct,zlogger-file"];

    // The benchmark record's line with every digit turned into 0, as the layout check prints it.
    private const string SameLayout = "every provider wrote the layout 0000-00-00 00:00:00.000 | INF | Bench.Orders - User 0 bought 0 items for 00.00";

    [Fact]
    public async Task Paced_OneProviderWritesAFourthFractionalDigit_StopsWithExitCode3ShowingBothLayouts_AndWritesNoResults()
    {
        using var results = new TempFolder();

        var run = await Run(results, "{time:yyyy-MM-dd HH:mm:ss.ffff} | {level:u3} | {category} - {message}");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("logustyle-direct", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("0000-00-00 00:00:00.0000 | INF | Bench.Orders - User 0 bought 0 items for 00.00\\n", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("0000-00-00 00:00:00.000 | INF | Bench.Orders - User 0 bought 0 items for 00.00\\n", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(results.Path));
    }

    [Fact]
    public async Task Paced_SameLayouts_WritesTheResultsFileAndTheGeneratedTableAndChart()
    {
        using var results = new TempFolder();

        var run = await Run(results, format: null);

        Assert.True(run.ExitCode == 0, run.StandardError);
        using var json = JsonDocument.Parse(File.ReadAllText(results.File("paced.json")));
        var rows = json.RootElement.GetProperty("Results").EnumerateArray().ToList();
        Assert.Equal(["logustyle-direct", "zlogger-file"], rows.Select(r => r.GetProperty("Setup").GetString()));
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("Lost").GetInt64()));
        Assert.All(rows, r => Assert.True(r.GetProperty("Calls").GetInt64() > 0));
        Assert.Contains("| logustyle-direct |", File.ReadAllText(results.File("paced.md")), StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(results.File("paced.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Interpolated_LoguStyleBothWaysAndZLoggerWriteTheSameLayout_ThePeersWithoutTheApiAreLeftOut()
    {
        using var results = new TempFolder();

        var run = await Throughput(results, "2000", "1", "logustyle-direct,logustyle-enqueued,zlogger-file,serilog-file", "Interpolated");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Interpolated: left out (no interpolated logging API): serilog-file", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Interpolated: " + SameLayout, run.StandardOutput, StringComparison.Ordinal);
        var rows = ThroughputRows(results, "Results");
        Assert.Equal(["logustyle-direct", "logustyle-enqueued", "zlogger-file"], rows.Select(r => r.GetProperty("Provider").GetString()));
        Assert.All(rows, r => Assert.Equal("Interpolated", r.GetProperty("Scenario").GetString()));
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("Lost").GetInt64()));
        Assert.Contains("Serilog, NLog, MEL's console and the two reference rows (floor, MEL's call only) have no interpolated logging API", File.ReadAllText(results.File("throughput.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ZLoggerThroughItsOwnGenerator_AndTheFloorRow_WriteLoguStylesLayout_LoseNothing_AndThePageSaysWhatEachSetupRuns()
    {
        using var results = new TempFolder();

        var run = await Throughput(results, "2000", "1", "floor-direct-file,logustyle-direct,zlogger-file", "LoggerMessage,Threads");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("LoggerMessage: " + SameLayout, run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Threads: " + SameLayout, run.StandardOutput, StringComparison.Ordinal);
        var rows = ThroughputRows(results, "Runs");
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("Lost").GetInt64()));
        var page = File.ReadAllText(results.File("throughput.md"));
        Assert.Contains("| floor-direct-file | no library: the message from the template and MEL's values", page, StringComparison.Ordinal);
        Assert.Contains("| zlogger-file | AddZLoggerFile(path) with UsePlainTextFormatter and the prefix $\"{0} \\| {1:short} \\| {2} - \"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TheMelCallOnlyRow_IsTimedLikeEverySetup_WritesNothing_AndIsLeftOutOfTheLayoutCheckAndTheChart_AndTheFloorSkipsMelsString()
    {
        using var results = new TempFolder();

        var run = await Throughput(results, "2000", "1", "mel-call-only,floor-direct-file,zlogger-file", "Template");

        Assert.True(run.ExitCode == 0, run.StandardError);
        Assert.Contains("Template: " + SameLayout, run.StandardOutput, StringComparison.Ordinal);
        var only = Assert.Single(ThroughputRows(results, "Results"), r => r.GetProperty("Provider").GetString() == "mel-call-only");
        Assert.Equal(0, only.GetProperty("Expected").GetInt64());
        Assert.Equal(0, only.GetProperty("Lost").GetInt64());
        Assert.True(only.GetProperty("RecordsPerSecond").GetDouble() > 0);

        // The floor row writes a template call's message from the values, not from MEL's string of it (~90 B more).
        var floor = Assert.Single(ThroughputRows(results, "Results"), r => r.GetProperty("Provider").GetString() == "floor-direct-file");
        Assert.InRange(floor.GetProperty("AllocatedBytesPerCall").GetDouble(), 0, 200);
        Assert.Contains("| mel-call-only | no library: a provider enabled for every level whose Log does nothing", File.ReadAllText(results.File("throughput.md")), StringComparison.Ordinal);
        var chart = File.ReadAllText(results.File("throughput.svg"));
        Assert.Contains(">floor-direct-file<", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("mel-call-only", chart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verdict_JudgesAsThePacedPagesDo()
    {
        using var results = new TempFolder();

        var undecided = await Command(results, null, "verdict", "16127", "32255");
        var met = await Command(results, null, "verdict", "12031", "32255", "43007");

        Assert.Equal("undecided", undecided.StandardOutput.Trim());
        Assert.Equal("met", met.StandardOutput.Trim());
    }

    // The rows (or every repeat's runs) of the throughput results the runner wrote.
    private static List<JsonElement> ThroughputRows(TempFolder results, string rows)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(results.File("throughput.json")));
        return [.. json.RootElement.GetProperty(rows).EnumerateArray().Select(r => r.Clone())];
    }

    private static Task<ProcessRun> Throughput(TempFolder results, params string[] arguments) => Command(results, null, ["run", .. arguments]);

    private static Task<ProcessRun> Run(TempFolder results, string? format) => Command(results, format, PacedSmoke);

    // The runner as a user starts it; its results go to the test's folder, and LOGUSTYLE_BENCH_FORMAT is set when given.
    private static Task<ProcessRun> Command(TempFolder results, string? format, params string[] arguments) => ProcessRun.StartAsync(
        "dotnet",
        [Runner, .. arguments],
        results.Path,
        new Dictionary<string, string?> { ["LOGUSTYLE_BENCH_RESULTS"] = results.Path, ["LOGUSTYLE_BENCH_FORMAT"] = format },
        TimeSpan.FromMinutes(3));
}
