using System.Text;

namespace LoguStyle.SideBySide;

/// <summary>Reads a provider's output folder: its size, its records, and its first and last record line as written.</summary>
internal static class OutputScan
{
    /// <summary>Text every record of <see cref="Orders"/> contains, whatever the layout around it.</summary>
    private const string RecordMarker = " bought 3 items for 29.97";

    /// <summary>The files a provider wrote: every file but the runner's own (result JSON) and hidden ones (sidecars).</summary>
    public static IEnumerable<string> OutputFiles(string folder) => Directory.GetFiles(folder)
        .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".json", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal);

    public static long TotalSize(string folder) => OutputFiles(folder).Sum(f => new FileInfo(f).Length);

    /// <summary>
    /// Counts the records and takes the first and last record line, with the file's line end shown (<c>\r\n</c>,
    /// <c>\n</c>, or nothing when the last line is not ended), so a provider that ends lines differently shows a
    /// different layout.
    /// </summary>
    public static (long Count, string? First, string? Last) Scan(string folder)
    {
        long count = 0;
        string? first = null;
        string? last = null;
        foreach (var file in OutputFiles(folder))
        {
            var ending = LineEnding(file);
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                if (line.Contains(RecordMarker, StringComparison.Ordinal))
                {
                    count++;
                    first ??= line + ending;
                    last = line + ending;
                }
            }
        }

        return (count, first, last);
    }

    private static string LineEnding(string file)
    {
        using var stream = File.OpenRead(file);
        if (stream.Length == 0)
        {
            return string.Empty;
        }

        Span<byte> tail = stackalloc byte[2];
        var length = (int)Math.Min(2, stream.Length);
        stream.Seek(-length, SeekOrigin.End);
        stream.ReadExactly(tail[..length]);
        return tail[length - 1] != (byte)'\n' ? string.Empty : length == 2 && tail[0] == (byte)'\r' ? "\\r\\n" : "\\n";
    }
}
