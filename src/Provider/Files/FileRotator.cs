using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// The file-system steps of a rotation: the closed file's name, the rename, the start-time sidecar, and the hand-off
/// to the <see cref="ArchiveWorker"/>. When to rotate is <see cref="RotationPeriod"/>'s question, and the order of the
/// steps (and what to do when the rename fails) is <see cref="RotatingFile"/>'s.
/// </summary>
internal sealed class FileRotator(ArchiveWorker archiver)
{
    // The last closed name's active path, stamp and clash number (under the file's lock, as every rotation step).
    private string? _lastActivePath;
    private DateTimeOffset _lastStart;
    private int _lastClash;

    /// <summary>
    /// The name <paramref name="activePath"/> gets when it is closed: stamped with its local start, and never a name
    /// that a closed file, or an archive of one under any extension the sink knows, already has.
    /// </summary>
    public static string ClosedName(string activePath, DateTimeOffset localStart, Compression? compression) =>
        ClosedName(activePath, localStart, compression, firstClash: 1, out _);

    /// <summary>
    /// Renames <paramref name="activePath"/> to the closed name of this sink's next rotation and returns that name. Files
    /// closed at one instant (rotations faster than the stamp's microsecond, a fake clock) share a stamp and are told
    /// apart by their clash number, which orders them: each takes a number past the last one this sink took for that
    /// stamp, never the first free one, since retention deletes the oldest first and a freed low number reused by a newer
    /// file would put it before the files it outlived (retention then deleted the newest, and <c>LogFile.Read</c> read
    /// them out of order). A number is taken only by a rename that succeeded: a rename that throws leaves the next try
    /// the same name (an outside test: every failed try took one, and a file rotated after a full disk was freed was
    /// named <c>.1707</c>).
    /// </summary>
    public string RenameToNextClosedName(string activePath, DateTimeOffset localStart, Compression? compression)
    {
        var same = string.Equals(activePath, _lastActivePath, StringComparison.Ordinal) && localStart.EqualsExact(_lastStart);
        var name = ClosedName(activePath, localStart, compression, same ? _lastClash + 1 : 1, out var clash);
        Rename(activePath, name);
        (_lastActivePath, _lastStart, _lastClash) = (activePath, localStart, clash);
        return name;
    }

    private static string ClosedName(string activePath, DateTimeOffset localStart, Compression? compression, int firstClash, out int clash) =>
        RotatedFileNames.ClosedName(
            activePath,
            localStart,
            candidate => File.Exists(candidate) || Compression.ArchiveExtensions(compression?.Extension).Any(extension => File.Exists(candidate + extension)),
            firstClash,
            out clash);

    /// <summary>
    /// Renames the active file to its closed name. <c>rename(2)</c> directly where it is known: <c>File.Move</c> links the
    /// new name first and leaves two names on the file where the unlink is refused.
    /// </summary>
    private static void Rename(string activePath, string closedPath)
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
