using System.Globalization;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Real processes (tests/Provider.TestApp, mode <c>private</c>) writing one file without <see cref="FileSinkOptions.Shared"/>:
/// the second is refused, says so and counts its records, instead of writing over the first's.
/// </summary>
public class FileSinkProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(1);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SecondProcessWithoutShared_IsRefused_ReportsAndCountsIt_TheFirstsRecordsStayWhole_AndANextProcessTakesOver()
    {
        var path = _folder.File("app.log");
        using var first = Start(path, "first", "hold");
        await first.WaitForLineAsync(l => l == "holding", Deadline);
        Assert.Contains("errors 0", first.Lines);

        using (var second = Start(path, "second"))
        {
            Assert.Equal(0, await second.WaitForExitAsync(Deadline));
            Assert.Contains("errors 100", second.Lines);
            Assert.Contains("another writer holds " + path, second.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(Lines("first"), File.ReadAllLines(path));

        // The kernel drops the first's registration when it dies: the next writer is accepted.
        await first.KillAsync(Deadline);
        using (var third = Start(path, "third"))
        {
            Assert.Equal(0, await third.WaitForExitAsync(Deadline));
            Assert.Contains("errors 0", third.Lines);
            Assert.Equal(string.Empty, third.StandardError);
        }

        Assert.Equal([.. Lines("first"), .. Lines("third")], File.ReadAllLines(path));
    }

    private static IEnumerable<string> Lines(string tag) => Enumerable.Range(0, 100).Select(i => $"{tag} {i}");

    private RunningProcess Start(string path, string tag, params string[] more) =>
        RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["private", path, 100.ToString(CultureInfo.InvariantCulture), tag, .. more], _folder.Path);
}
