using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Faults;

/// <summary>
/// A real process whose plain threads die of an unhandled exception (tests/Provider.TestApp, mode threads-die): the
/// exception is in the log, as one Critical record with the whole exception, in every sink, once, before the drain.
/// </summary>
public class UnhandledExceptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task ThreadsDie_TheExceptionIsOneCriticalRecordInEverySink_WithItsStack(int threads)
    {
        var path = _folder.File("app");

        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.TestApp, "threads-die", path, threads.ToString(System.Globalization.CultureInfo.InvariantCulture)], _folder.Path, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("dies here", run.StandardError, StringComparison.Ordinal);

        // Text: the record before, then exactly one CRITICAL record with the exception and its stack.
        var text = File.ReadAllText(path + ".log");
        Assert.StartsWith("INFO | TestApp | before\n", text, StringComparison.Ordinal);
        var critical = text.Split("CRITICAL | ");
        Assert.Equal(2, critical.Length);
        Assert.Matches(@"^LoguStyle\.UnhandledException \| Unhandled exception on thread worker-\d; the process is ending\n", critical[1]);
        Assert.Matches(@"System\.InvalidOperationException: thread \d dies here\n\s+at Program\.", critical[1]);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "dies here"));

        // JSON (enqueued, so drained after the record was written): the same one record, readable back.
        var records = LogFile.Read(path + ".json", (file, error) => Assert.Fail($"{file}: {error}")).ToList();
        Assert.Equal(["before", records[1].Message], records.Select(r => r.Message));
        Assert.Equal(LogLevel.Critical, records[1].Level);
        Assert.Equal("LoguStyle.UnhandledException", records[1].Category);
        var exception = Assert.IsType<LoggedException>(records[1].Exception);
        Assert.Equal("System.InvalidOperationException", exception.TypeName);
        Assert.Matches(@"^thread \d dies here$", exception.Message);
        Assert.Contains("at Program.", exception.StackTrace, StringComparison.Ordinal);
        using var line = JsonDocument.Parse(File.ReadAllLines(path + ".json")[1]);
        Assert.Equal("CRITICAL", line.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public async Task ThreadDies_WithLogUnhandledExceptionsOff_NothingIsAdded()
    {
        var path = _folder.File("app");

        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.TestApp, "threads-die", path, "1", "off"], _folder.Path, new Dictionary<string, string?>(), TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("dies here", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("INFO | TestApp | before\n", File.ReadAllText(path + ".log"));
        Assert.Equal(["before"], LogFile.Read(path + ".json").Select(r => r.Message));
    }
}
