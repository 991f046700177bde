using System.IO.Compression;

namespace LoguStyle.Files;

/// <summary>Brotli, through <see cref="BrotliStream"/>.</summary>
internal sealed class BrotliCompression : Compression
{
    internal override string Extension => ".br";

    internal override void Compress(string source, string destination)
    {
        using var input = ArchiveFiles.OpenSource(source);
        using var output = ArchiveFiles.CreateDestination(destination);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            input.CopyTo(brotli);
        }
    }
}
