using System.IO.Compression;
using System.Text;

namespace LoguStyle.Tests.Support;

/// <summary>Reads a log folder back as a user would: every active, rotated and compressed file, decompressed.</summary>
internal static class LogFolder
{
    /// <summary>The log files in <paramref name="folder"/> (sidecars excluded), by name.</summary>
    public static string[] Files(string folder) =>
        [.. Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal)];

    public static string[] Names(string folder) => [.. Files(folder).Select(Path.GetFileName).Cast<string>()];

    /// <summary>The text of one file, decompressed according to its extension.</summary>
    public static string Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Stream content = Path.GetExtension(path) switch
        {
            ".gz" => new GZipStream(file, CompressionMode.Decompress),
            ".br" => new BrotliStream(file, CompressionMode.Decompress),
            ".zip" => new ZipArchive(file, ZipArchiveMode.Read).Entries.Single().Open(),
            _ => file,
        };
        using (content)
        {
            using var reader = new StreamReader(content, new UTF8Encoding(false, true));
            return reader.ReadToEnd();
        }
    }

    /// <summary>Every line of every log file in the folder.</summary>
    public static List<string> AllLines(string folder) =>
        [.. Files(folder).SelectMany(f => Read(f).Split('\n', StringSplitOptions.RemoveEmptyEntries))];
}
