using System.Globalization;
using System.Text.Json;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Logging from the first line of Main, as a real process (tests/Provider.BootstrapApp, a Program.cs in the README's
/// try/catch/finally shape) in a folder whose appsettings.json names the file sink: what goes wrong before, in and after
/// <c>Build()</c> reaches the file, each record once; the host's hand-over under load loses, repeats and reorders nothing.
/// Each case runs with a plain, an enqueued and a Shared file sink.
/// </summary>
public sealed partial class BootstrapProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    public static TheoryData<string> Files => ["plain", "enqueue", "shared"];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task BadConfiguration_BeforeBuild_EachProblemAndTheHostsFailureAreInTheFile(string file)
    {
        WriteSettings(file, """, "console": { "Type": "Console", "Level": "Loud" }""");

        var run = await Run("build");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        var problem = Assert.Single(records, r => r.Category == "LoguStyle.Configuration");
        Assert.Equal("ERROR", problem.Level);
        Assert.StartsWith("Logging:LoguStyle:Sinks:console:Level: 'Loud' is not a level; accepted: Trace, Debug,", problem.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Message == "before build");
        var failure = Assert.Single(records, r => r.Level == "CRITICAL");
        Assert.Equal("Microsoft.Extensions.Options.OptionsValidationException", failure.ExceptionType);
        Assert.Contains("Logging:LoguStyle:Sinks:console:Level: 'Loud'", failure.ExceptionMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjectionFailure_InBuild_IsInTheFile()
    {
        WriteSettings("plain");

        var run = await Run("di-validation");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        Assert.Equal(["before build", "The host terminated unexpectedly"], records.Select(r => r.Message));
        Assert.Equal("System.AggregateException", records[1].ExceptionType);
        Assert.Contains("LoguStyle.BootstrapApp.IMissing", records[1].ExceptionMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Throw_InProgramAfterRecords_TheRecordsAndTheExceptionAreInTheFileOnce(string file)
    {
        WriteSettings(file);

        var run = await Run("throw");

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var records = Records();
        Assert.Equal(
            ["before build", "bootstrap 1", "bootstrap 2", "bootstrap 3", "host 1", "host 2", "host 3", "The host terminated unexpectedly"],
            records.Select(r => r.Message));
        Assert.Equal("System.InvalidOperationException", records[^1].ExceptionType);
        Assert.Equal("thrown in Program.cs", records[^1].ExceptionMessage);
    }

    [Theory]
    [InlineData("unhandled", "plain")]
    [InlineData("unhandled", "enqueue")]
    [InlineData("exit", "enqueue")]
    [InlineData("exit", "shared")]
    public async Task Crash_BeforeTheHost_WhatWasLoggedIsInTheFile(string mode, string file)
    {
        WriteSettings(file);

        var run = await Run(mode);

        Assert.NotEqual(0, run.ExitCode);
        var messages = Records().Select(r => r.Message).ToList();
        Assert.Equal(["bootstrap 1", "bootstrap 2", "bootstrap 3"], messages.Take(3));
        if (mode == "unhandled")
        {
            Assert.Equal(4, messages.Count);
            Assert.StartsWith("Unhandled exception on thread", messages[3], StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(3, messages.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task SigTerm_BeforeRun_WhatWasLoggedIsInTheFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await SignalBeforeRun(file, "TERM");
    }

    /// <summary>Logs three records through the bootstrap logger, sends the signal before any host exists, and reads the file.</summary>
    private async Task SignalBeforeRun(string file, string signal)
    {
        WriteSettings(file);
        using var app = RunningProcess.StartDotnet(RepositoryPaths.BootstrapApp, ["sigterm"], _folder.Path, Environment());
        await app.WaitForLineAsync(line => line == "ready", Deadline);

        await app.SignalAsync(signal);

        await app.WaitForExitAsync(Deadline);
        Assert.Equal(["bootstrap 1", "bootstrap 2", "bootstrap 3"], Records().Select(r => r.Message));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task HandOver_UnderLoadFromOtherThreads_EveryRecordOnceInThreadOrderAndTheFileOpenOnce(string file)
    {
        WriteSettings(file);
        var hostFile = _folder.File("host.json");

        var run = await Run("handover", hostFile);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["fds bootstrap=1", "fds built=1", "fds started=1", "fds disposed=1"], lines.Where(line => line.StartsWith("fds ", StringComparison.Ordinal)));
        var records = Records();
        Assert.Single(records, r => r.Message == "host started");
        var hostRecords = Records(hostFile);
        for (var thread = 0; thread < 2; thread++)
        {
            var logged = int.Parse(lines.Single(line => line.StartsWith($"logged t{thread}=", StringComparison.Ordinal)).Split('=')[1], CultureInfo.InvariantCulture);
            var mine = $"t{thread} ";
            Assert.Equal(Enumerable.Range(0, logged).Select(i => mine + i.ToString(CultureInfo.InvariantCulture)), records.Where(r => r.Message.StartsWith(mine, StringComparison.Ordinal)).Select(r => r.Message));

            // The host's own sink has the bootstrap logger's records from the hand-over on, the last one (logged after the
            // host was disposed) included, in order.
            var adopted = hostRecords.Where(r => r.Message.StartsWith(mine, StringComparison.Ordinal)).Select(r => int.Parse(r.Message[mine.Length..], CultureInfo.InvariantCulture)).ToList();
            Assert.True(adopted.Count > 1_000, $"{adopted.Count} of t{thread}'s records reached the host's sink");
            Assert.Equal(Enumerable.Range(adopted[0], logged - adopted[0]), adopted);
        }
    }

    private void WriteSettings(string file, string extraSinks = "")
    {
        var keys = file switch
        {
            "enqueue" => """, "Enqueue": true""",
            "shared" => """, "Shared": true""",
            _ => string.Empty,
        };
        File.WriteAllText(_folder.File("appsettings.json"), $$"""
            {
              "Logging": {
                "LogLevel": { "Default": "Information", "Microsoft": "Warning" },
                "LoguStyle": {
                  "Sinks": {
                    "file": { "Type": "File", "Path": "app.log", "Serialize": true{{keys}} }{{extraSinks}}
                  }
                }
              }
            }
            """);
    }

    [Fact]
    public async Task SecondLogger_WhileOneIsLive_IsRefused_AndOneMayBeCreatedAfterDispose()
    {
        WriteSettings("plain");

        var run = await Run("second");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.Equal(
            ["second refused: A LoguStyle bootstrap logger is already live in this process; dispose it before creating another.", "created after dispose"],
            Records().Select(r => r.Message));
    }

    [Fact]
    public async Task Configuration_EnvironmentsFileAndEnvironmentVariables_ApplyAsTheHostReadsThem()
    {
        WriteSettings("plain");
        File.WriteAllText(_folder.File("appsettings.Staging.json"), """{ "Logging": { "LoguStyle": { "Sinks": { "file": { "Path": "staging.log" } } } } }""");
        var environment = Environment();
        environment["DOTNET_ENVIRONMENT"] = "Staging";
        environment["Logging__LoguStyle__Sinks__file__JsonFormat"] = "Clef";

        var run = await Run(environment, "second");

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");
        Assert.False(File.Exists(_folder.File("app.log")), "appsettings.Staging.json's Path was not applied");
        var messages = File.ReadAllLines(_folder.File("staging.log")).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("@m").GetString();
        });
        Assert.Equal("created after dispose", messages.Last());
    }

    private Task<ProcessRun> Run(params string[] arguments) => Run(Environment(), arguments);

    private Task<ProcessRun> Run(Dictionary<string, string> environment, params string[] arguments) =>
        ProcessRun.StartAsync("dotnet", [RepositoryPaths.BootstrapApp, .. arguments], _folder.Path, environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value), Deadline);

    private static Dictionary<string, string> Environment() => new() { ["DOTNET_ENVIRONMENT"] = "Production", ["NO_COLOR"] = "1" };

    private List<FileRecord> Records(string? path = null) =>
        [.. File.ReadAllLines(path ?? _folder.File("app.log")).Where(line => line.Length > 0).Select(FileRecord.Parse)];

    private sealed record FileRecord(string Level, string Category, string Message, string? ExceptionType, string? ExceptionMessage)
    {
        public static FileRecord Parse(string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var exception = root.TryGetProperty("exception", out var e) ? e : (JsonElement?)null;
            return new FileRecord(
                root.GetProperty("level").GetString()!,
                root.GetProperty("category").GetString()!,
                root.GetProperty("message").GetString()!,
                exception?.GetProperty("type").GetString(),
                exception?.GetProperty("message").GetString());
        }
    }
}
