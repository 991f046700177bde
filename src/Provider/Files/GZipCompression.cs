using System.IO.Compression;

namespace LoguStyle.Files;

/// <summary>gzip, through <see cref="GZipStream"/>.</summary>
internal sealed class GZipCompression : Compression
{
    internal override string Extension => ".gz";

    internal override void Compress(string source, string destination)
    {
        using var input = ArchiveFiles.OpenSource(source);
        using var output = ArchiveFiles.CreateDestination(destination);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            input.CopyTo(gzip);
        }
    }
}
