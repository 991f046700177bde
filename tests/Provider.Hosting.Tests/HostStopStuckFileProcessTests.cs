using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// A real process (tests/Provider.FaultApp, host-stuck-file): a generic host stops and is disposed while a direct file
/// sink's write never returns and four calls are held in it. The stop takes the host's shutdown timeout; the dispose
/// right after gives the stuck sink no more time. In a fresh process the thread pool has as many threads as cores: the
/// flushes and closes started for the stuck sink must not take them, or the dispose waits for the pool to grow.
/// </summary>
public sealed partial class HostStopStuckFileProcessTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StopThenDispose_FourCallsHeldInAStuckDirectFileSink_DisposeTakesNoSecondTimeout()
    {
        var result = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.FaultApp, "host-stuck-file", _folder.Path], _folder.Path, new Dictionary<string, string?>(), Deadline);
        output.WriteLine(result.StandardOutput + result.StandardError);
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.StandardError}");
        var timing = Timing().Match(result.StandardOutput);
        Assert.True(timing.Success, result.StandardOutput);
        var (stop, dispose) = (int.Parse(timing.Groups["stop"].Value, CultureInfo.InvariantCulture), int.Parse(timing.Groups["dispose"].Value, CultureInfo.InvariantCulture));

        // The shutdown timeout and 0.8 s for a loaded machine; then the dispose within 1 s (it took 2.5 s when the stuck
        // sink's flushes and closes blocked pool threads).
        Assert.InRange(stop, 0, 2_800);
        Assert.InRange(dispose, 0, 1_000);
        var lines = File.ReadAllLines(Path.Combine(_folder.Path, "app.log"));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"record {i}"), lines.Where(line => line.StartsWith("record ", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"stop (?<stop>\d+) ms dispose (?<dispose>\d+) ms")]
    private static partial Regex Timing();
}
