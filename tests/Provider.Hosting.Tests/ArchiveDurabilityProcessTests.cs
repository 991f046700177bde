using System.Text.RegularExpressions;
using LoguStyle.Testing;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// docs/configuration.md, "Compression": an archive is written as <c>&lt;closed&gt;.gz.part</c>, flushed to disk, and
/// only then renamed to its final name (after which the closed file is deleted). The fault app rotates and compresses
/// under <c>strace</c>, which shows the system calls in order: each rename of a <c>.part</c> must come after an
/// <c>fsync</c> of a descriptor opened on that <c>.part</c>, for gzip and for a custom compressor that does not
/// flush itself.
/// </summary>
public partial class ArchiveDurabilityProcessTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Compression_EachPartFile_IsFsyncedBeforeItIsRenamedToTheArchivesName()
    {
        var trace = _folder.File("strace.txt");
        var run = await ProcessRun.StartAsync(
            "strace",
            ["-f", "-qq", "-y", "-e", "trace=openat,fsync,fdatasync,rename,renameat,renameat2,link,linkat", "-o", trace, "dotnet", RepositoryPaths.FaultApp, "archive", _folder.File("app.log")],
            _folder.Path,
            new Dictionary<string, string?>(),
            Deadline);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.StandardError}");

        var renames = PartRenames(File.ReadAllLines(trace));

        Assert.Contains(renames, r => r.Part.EndsWith(".gz.part", StringComparison.Ordinal));
        Assert.Contains(renames, r => r.Part.EndsWith(".copy.part", StringComparison.Ordinal));
        Assert.All(renames, r => Assert.True(r.Synced, $"{r.Part} was renamed without an fsync of it before"));
    }

    /// <summary>
    /// Each rename of a <c>.part</c> file (File.Move without overwrite links the new name, then unlinks the old), and whether an <c>fsync</c> (or <c>fdatasync</c>) of a descriptor opened
    /// on it came before. strace -f writes one line per call, prefixed by the thread id.
    /// </summary>
    private static List<(string Part, bool Synced)> PartRenames(IEnumerable<string> lines)
    {
        // strace -y prints each descriptor with the path it is open on, so no descriptor numbers need following.
        var synced = new HashSet<string>(StringComparer.Ordinal);
        var renames = new List<(string, bool)>();
        foreach (var line in lines)
        {
            if (Sync().Match(line) is { Success: true } sync)
            {
                synced.Add(sync.Groups["path"].Value);
            }
            else if (Rename().Match(line) is { Success: true } rename)
            {
                var part = rename.Groups["from"].Value;
                renames.Add((part, synced.Contains(part)));
            }
        }

        return renames;
    }

    [GeneratedRegex("""^\d+\s+f(data)?sync\(\d+<(?<path>[^>]+)>""")]
    private static partial Regex Sync();

    [GeneratedRegex("""^\d+\s+(rename|renameat2?|link|linkat)\((\w+, )?"(?<from>[^"]+\.part)",""")]
    private static partial Regex Rename();
}
