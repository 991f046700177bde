namespace LoguStyle.Hosting.Tests;

/// <summary>A failing sink's stderr lines, as a real process prints them.</summary>
public sealed class SinkErrorReportProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Outside re-test 15e, D-B: a file sink whose file cannot be opened said so at start-up, then 57 ms later again as
    /// "could not write a record: FileOpenException: ..." with the same sentence; the promise is one line a minute.
    /// </summary>
    [Fact]
    public async Task FileThatCannotBeOpened_RecordsLoggedForHalfASecond_OneLineNamesTheSink()
    {
        File.WriteAllText(_folder.File("blocked"), "a file where the folder should be");
        var path = Path.Combine(_folder.File("blocked"), "app.log");

        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.FaultApp, "open-fails", path], _folder.Path, new Dictionary<string, string?>(), Deadline);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}: {run.StandardError}");
        Assert.StartsWith("logged ", run.StandardOutput, StringComparison.Ordinal);
        var logged = run.StandardOutput.Split(' ', '\n')[1];

        // One line while it logs; the dispose's closing line counts the records that failed within its minute, every one.
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"LoguStyle: sink 'badfile': {path} could not be opened (", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"LoguStyle: sink 'badfile' could not write {logged} more record(s) after its last line ({logged} not written in all; the last: ", lines[1], StringComparison.Ordinal);
    }
}
