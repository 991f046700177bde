using System.IO.Compression;

namespace LoguStyle.Files;

/// <summary>A zip archive with one entry, named like the closed file, through <see cref="ZipArchive"/>.</summary>
internal sealed class ZipCompression : Compression
{
    internal override string Extension => ".zip";

    internal override void Compress(string source, string destination)
    {
        using var input = ArchiveFiles.OpenSource(source);
        using var output = ArchiveFiles.CreateDestination(destination);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(Path.GetFileName(source), CompressionLevel.Optimal);
            entry.LastWriteTime = File.GetLastWriteTime(source);
            using var entryStream = entry.Open();
            input.CopyTo(entryStream);
        }
    }
}
