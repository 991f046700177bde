using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Testing;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Files;

/// <summary>
/// Outside test (session 43): a size-rotating file on a full disk tried its rotation at each record, and each try took
/// a clash number though its flush failed before any rename: once the disk was freed the closed file was named
/// <c>app.&lt;stamp&gt;.1707.log</c> where no other file had its stamp. A clash number is taken only by a rename that
/// succeeds, for every kind of file sink (direct, enqueued, shared, JSON).
/// </summary>
public sealed partial class FullDiskRotationNamesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SizeRotation_ThroughAFullDiskThatIsFreed_NamesEachClosedFileByItsOwnStampAlone()
    {
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        var kinds = new[] { "direct", "queued", "shared", "json" };
        var options = new LoguStyleLoggerOptions();
        foreach (var kind in kinds)
        {
            options.Sinks.Add(new FileSinkOptions(disk.File(kind + ".log"), kind)
            {
                Format = kind == "json" ? null : "{message}",
                Rotation = Rotation.Size(20_000),
                Enqueue = kind == "queued",
                Shared = kind == "shared",
                Serialize = kind == "json",
            });
        }

        // Every record a millisecond later: each file is started at its own instant, so no closed name needs a clash number.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        using var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(options, time, TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var padding = new string('.', 1000);
        void Log(int count)
        {
            for (var i = 0; i < count; i++)
            {
                logger.LogInformation("record {I} {Padding}", i, padding);
            }
        }

        Log(50);
        await provider.FlushAsync();
        var filler = disk.Fill();
        Log(300);
        await provider.FlushAsync();
        File.Delete(filler);
        Log(100);
        await provider.DisposeAsync();

        // The closed files: a sink's name and more than its extension (not the active file, the filler, a shared file's lock).
        var closed = Directory.GetFiles(disk.Path).Select(Path.GetFileName)
            .Where(name => kinds.Any(kind => name!.StartsWith(kind + ".", StringComparison.Ordinal)) && name!.Count(c => c == '.') > 1).ToList();
        foreach (var kind in kinds)
        {
            Assert.True(closed.Count(name => name!.StartsWith(kind + ".", StringComparison.Ordinal)) >= 4, $"{kind}: too few rotations to judge: {string.Join(", ", closed)}\n{errors}");
        }

        Assert.All(closed, name => Assert.Matches(StampedAlone(), name));
    }

    // app.<local start>+<offset>.log, without a clash number before the extension.
    [GeneratedRegex(@"^[a-z]+\.\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}_\d{6}[+-]\d{4}\.log$")]
    private static partial Regex StampedAlone();
}
