using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>Nothing lost: many threads through rotation, compression and reloads, every file read back.</summary>
[Trait("Category", "Stress")]
public partial class FileSinkStressTests : IDisposable
{
    private const int Threads = 4;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FourThreads_200000Records_Through64KbGzRotation_EachRecordExactlyOnceAndWhole()
    {
        const int PerThread = 50_000;
        var sink = new FileSinkOptions(_folder.File("app.log"))
        {
            Format = "{time:HH:mm:ss.ffffff} {message}",
            Rotation = "64 KB",
            Compression = "gz",
            Retention = 100_000,
        };
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } });
        var logger = provider.CreateLogger("stress");

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                logger.LogInformation("record {Thread}-{Index}", t, i);
            }
        })));
        await provider.DisposeAsync();

        var files = LogFolder.Files(_folder.Path);
        Assert.True(files.Count(f => f.EndsWith(".gz", StringComparison.Ordinal)) > 50, $"{files.Length} files");
        Assert.All(files, f => Assert.True(f.EndsWith(".gz", StringComparison.Ordinal) || f.EndsWith("app.log", StringComparison.Ordinal), f));
        Assert.All(files.Where(f => !f.EndsWith(".gz", StringComparison.Ordinal)), f => Assert.True(new FileInfo(f).Length <= 64_000));
        AssertEachRecordOnceAndWhole(LogFolder.AllLines(_folder.Path), PerThread);
    }

    [Fact]
    public async Task ReloadsWhileThreadsLog_OneFileSharedAcrossGenerations_LosesNothing()
    {
        const int PerThread = 20_000;
        LoguStyleLoggerOptions Options(int generation) => new()
        {
            Sinks =
            {
                new FileSinkOptions(_folder.File("app.log"))
                {
                    Format = "{time:HH:mm:ss.ffffff} {message}",
                    Rotation = generation % 2 == 0 ? "32 KB" : "48 KB",
                },
            },
        };
        var provider = new LoguStyleLoggerProvider(Options(0));
        var logger = provider.CreateLogger("stress");
        var producers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                logger.LogInformation("record {Thread}-{Index}", t, i);
            }
        })).ToArray();

        var reloads = 0;
        while (!producers.All(p => p.IsCompleted))
        {
            provider.Reconfigure(Options(++reloads));
        }

        await Task.WhenAll(producers);
        await provider.DisposeAsync();

        Assert.True(reloads > 0);
        AssertEachRecordOnceAndWhole(LogFolder.AllLines(_folder.Path), PerThread);
    }

    private static void AssertEachRecordOnceAndWhole(List<string> lines, int perThread)
    {
        var whole = WholeLine();
        var seen = new HashSet<(int, int)>();
        foreach (var line in lines)
        {
            var match = whole.Match(line);
            Assert.True(match.Success, $"torn line: '{line}'");
            Assert.True(seen.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))), $"duplicate: '{line}'");
        }

        Assert.Equal(Threads * perThread, seen.Count);
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{6} record (\d+)-(\d+)$")]
    private static partial Regex WholeLine();
}
