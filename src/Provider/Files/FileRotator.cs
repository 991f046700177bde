using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// The file-system steps of a rotation: the closed file's name, the rename, the start-time sidecar, and the hand-off
/// to the <see cref="ArchiveWorker"/>. When to rotate is <see cref="RotationPeriod"/>'s question, and the order of the
/// steps (and what to do when the rename fails) is <see cref="RotatingFile"/>'s.
/// </summary>
internal sealed class FileRotator(ArchiveWorker archiver)
{
    /// <summary>
    /// The name <paramref name="activePath"/> gets when it is closed: stamped with its local start, and never a name
    /// that a closed file, or an archive of one under any extension the sink knows, already has.
    /// </summary>
    public static string ClosedName(string activePath, DateTimeOffset localStart, Compression? compression) =>
        RotatedFileNames.ClosedName(activePath, localStart, candidate =>
            File.Exists(candidate) || Compression.ArchiveExtensions(compression?.Extension).Any(extension => File.Exists(candidate + extension)));

    /// <summary>
    /// Renames the active file to its closed name. <c>rename(2)</c> directly where it is known: <c>File.Move</c> links the
    /// new name first and leaves two names on the file where the unlink is refused.
    /// </summary>
    public static void Rename(string activePath, string closedPath)
    {
        if (UnixNative.IsSupported)
        {
            UnixNative.Rename(activePath, closedPath);
        }
        else
        {
            File.Move(activePath, closedPath);
        }
    }

    /// <summary>
    /// After the file was closed: its start time belongs to the closed file now (the next file at the active path writes
    /// its own), and the closed file goes to the archive worker for compression and retention.
    /// </summary>
    public void Retire(string activePath, string closedPath)
    {
        StartTimeStore.Delete(activePath);
        archiver.Archive(closedPath);
    }

    /// <summary>Forgets the start time kept for <paramref name="path"/>, where no file follows (a rotation at shutdown).</summary>
    public static void ForgetStartTime(string path) => StartTimeStore.Delete(path);
}
