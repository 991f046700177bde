namespace LoguStyle.Files;

/// <summary>Opens the streams compression reads and writes, with the sharing and permissions log files use.</summary>
internal static class ArchiveFiles
{
    public static FileStream OpenSource(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);

    public static FileStream CreateDestination(string path) => new(path, LogFileStreams.CreateOptions(FileMode.CreateNew));
}
