namespace LoguStyle.Files;

/// <summary>Opens the streams compression reads and writes, with the sharing and permissions log files use.</summary>
internal static class ArchiveFiles
{
    public static FileStream OpenSource(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);

    public static FileStream CreateDestination(string path) => new(path, LogFileStreams.CreateOptions(FileMode.CreateNew));

    /// <summary>
    /// Forces a written archive to the disk (fsync) before its final name says it is complete and the closed file is
    /// deleted: a crash after that must find the records in the archive. Done here, once for every compressor, since a
    /// custom one need not flush.
    /// </summary>
    public static void FlushToDisk(string path)
    {
        using var written = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        written.Flush(flushToDisk: true);
    }
}
