using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// What a sink's path names, however it is spelled, for telling two sinks on one file apart at start-up. Two places are
/// the same file when their <see cref="Key"/>s are equal: the device and inode of the folder (the nearest one that
/// exists, so a symbolic link to a folder or a bind mount is seen through) and the rest of the path, after a symbolic
/// link at the file itself is followed to its final target (which may not exist yet: Delay, or a link made before
/// the file). Or when the file exists and its own device and inode are equal (<see cref="SameFileAs"/> reads it again
/// then): a hard link has no target to follow, and a file created since the other sink started is found this way.
/// <c>..</c> segments and relative paths are made full by <see cref="PathTemplate"/> first, as the file is opened.
/// Where the platform has no inodes the key is the full path.
/// </summary>
internal sealed class FilePlace
{
    private readonly bool _hasTokens;

    private FilePlace(string fullPath, string key, bool hasTokens)
    {
        FullPath = fullPath;
        Key = key;
        _hasTokens = hasTokens;
    }

    /// <summary>The full path as the sink was given it.</summary>
    public string FullPath { get; }

    /// <summary>The folder's identity and the rest of the path, symbolic links at the file followed.</summary>
    public string Key { get; }

    public static FilePlace Of(PathTemplate path) => Of(path.FullPath, path.HasTokens);

    public static FilePlace Of(string fullPath, bool hasTokens)
    {
        // A {time} path names many files: its template is compared by its folder only.
        var target = hasTokens ? fullPath : FinalTarget(fullPath);
        return new(fullPath, KeyOf(target), hasTokens);
    }

    /// <summary>
    /// True when both name one file: equal keys, or one existing file by its device and inode, read now (the file of
    /// one of them may have been created, or linked, after its place was taken).
    /// </summary>
    public bool SameFileAs(FilePlace other)
    {
        if (string.Equals(Key, other.Key, StringComparison.Ordinal))
        {
            return true;
        }

        return !_hasTokens && !other._hasTokens
            && UnixNative.IdentityOf(FullPath) is { } mine
            && UnixNative.IdentityOf(other.FullPath) is { } theirs
            && mine == theirs;
    }

    private static string KeyOf(string fullPath)
    {
        var rest = Path.GetFileName(fullPath);
        for (var folder = Path.GetDirectoryName(fullPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (UnixNative.IdentityOf(folder) is { } identity)
            {
                return $"{identity}/{rest}";
            }

            rest = Path.Combine(Path.GetFileName(folder), rest);
        }

        return fullPath;
    }

    private static string FinalTarget(string fullPath)
    {
        try
        {
            // Null when the path is not a symbolic link; a link to a link is followed to the end, existing or not.
            return new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A loop of links, or a folder that may not be read: opening the file fails too, and says so.
            return fullPath;
        }
    }
}
