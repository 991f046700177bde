using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Real processes (tests/Provider.TestApp, mode <c>rotate</c>) restarted under another <c>TZ</c>: the closed files of
/// both runs are ordered and kept by the instant they were started (issue 14, item 1).
/// </summary>
public sealed class ClosedFileZoneProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Asia/Tokyo", "UTC")]
    [InlineData("America/New_York", "Asia/Tokyo")]
    public async Task RestartUnderAnotherTz_RetentionKeepsTheNewest_AndFilesReadInOrder(string firstZone, string secondZone)
    {
        var path = _folder.File("app.log");
        await RunAsync(path, "first", firstZone);
        await RunAsync(path, "second", secondZone);

        // Five files per run, every record in a file of its own; retention keeps the three newest closed ones.
        var tags = LogFile.Files(path).Select(f => string.Join(' ', LogFolder.Read(f).Split(' ').Take(2))).ToList();
        Assert.Equal(["second 1", "second 2", "second 3", "second 4"], tags);
    }

    private async Task RunAsync(string path, string tag, string zone)
    {
        var run = await ProcessRun.StartAsync(
            "dotnet",
            [RepositoryPaths.TestApp, "rotate", path, "5", tag, "rotation=2 B", "compression=gz", "retention=3"],
            _folder.Path,
            new Dictionary<string, string?> { ["TZ"] = zone },
            TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StandardError}");
        Assert.Contains("done", run.StandardOutput, StringComparison.Ordinal);
    }
}
