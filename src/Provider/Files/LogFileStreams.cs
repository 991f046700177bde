namespace LoguStyle.Files;

/// <summary>
/// How log files and archives are opened: shared for reading (and renaming) by others, so <c>tail -F</c> and
/// shippers can follow them, and created owner read/write + group read (0640) on Unix.
/// </summary>
internal static class LogFileStreams
{
    /// <summary>The size of a log file's write buffer: records are flushed to the operating system when it is full.</summary>
    public const int BufferSize = 64 * 1024;

    private const UnixFileMode CreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    public static FileStreamOptions CreateOptions(FileMode mode)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = BufferSize,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = CreateMode;
        }

        return options;
    }

    /// <summary>
    /// Creates an empty file at <paramref name="path"/> (0640 on Unix) unless one exists; another process creating it at
    /// the same moment is not an error.
    /// </summary>
    public static void CreateIfMissing(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var created = new FileStream(path, CreateOptions(FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process first (or held locked by one): either way it is there.
        }
    }
}
