using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>Start-up recovery and compression of one closed file: what the worker does to files on disk.</summary>
internal sealed partial class ArchiveWorker
{
    private void RecoverFiles()
    {
        var compression = _settings().Compression;
        foreach (var file in SinkFiles())
        {
            if (file.Match.Groups["part"].Success)
            {
                // Half written by a process that stopped, unless a worker of this process is writing it now.
                if (!ArchiveClaims.IsClaimedByAnother(ClosedFileOf(file.Path, file.Match), this))
                {
                    File.Delete(file.Path);
                }
            }
            else if (compression is not null && !file.Match.Groups["archive"].Success && !IsActive(file.Path) && ArchiveClaims.TryClaim(file.Path, this))
            {
                try
                {
                    Compress(file.Path, compression);
                }
                finally
                {
                    ArchiveClaims.Release(file.Path, this);
                }
            }
        }
    }

    /// <summary>Compresses a closed file this worker has claimed, unless it is archived already (under any extension).</summary>
    private void Compress(string closedPath, Compression compression)
    {
        if (!File.Exists(closedPath))
        {
            return;
        }

        var archive = closedPath + compression.Extension;
        if (Compression.ArchiveExtensions(compression.Extension).Any(extension => File.Exists(closedPath + extension)))
        {
            // An archive is renamed into place only when complete: a previous run (or a worker with the compression
            // before a reload) finished this one but stopped before deleting the closed file. Never archive it twice.
            File.Delete(closedPath);
            _index.Remove(closedPath);
            return;
        }

        var partial = archive + RotatedFileNames.PartialExtension;
        File.Delete(partial);
        try
        {
            // The archive keeps the closed file's last write: age retention and the order of files without a time in
            // their name read it, and compressing (at start-up, days later) must not make an old file young.
            var lastWrite = File.GetLastWriteTimeUtc(closedPath);
            compression.Compress(closedPath, partial);
            File.SetLastWriteTimeUtc(partial, lastWrite);
            ArchiveFiles.FlushToDisk(partial);
            File.Move(partial, archive);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        File.Delete(closedPath);
        _index.Remove(closedPath);
        Index(archive);
    }

    /// <summary>The closed file a half-written archive (<c>x.log.gz.part</c>) is made from (<c>x.log</c>).</summary>
    private static string ClosedFileOf(string partPath, Match match)
    {
        var archive = match.Groups["archive"];
        var suffix = (archive.Success ? archive.Length : 0) + RotatedFileNames.PartialExtension.Length;
        return partPath[..^suffix];
    }
}
