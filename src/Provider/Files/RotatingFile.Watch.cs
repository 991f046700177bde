using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// <see cref="FileSinkOptions.Watch"/>: noticing that the path names another file than the one open, and going on in it.
/// </summary>
internal sealed partial class RotatingFile
{
    /// <summary>
    /// Watch: when the path names another file than the one open (renamed away and recreated by logrotate's
    /// <c>create</c>, swapped by <c>mv</c>, deleted), the buffered records and every later one go to the file at the
    /// path (created if missing). Compared by device and inode, as Loguru does; by existence where the platform has
    /// no inode. If the new file cannot be opened, records go on into the old one, and that is reported.
    /// </summary>
    /// <returns>True when it went on in another file.</returns>
    private bool FollowPath(DateTimeOffset now)
    {
        if (_stream is null || _activePath is not { } active || !PathChanged(active))
        {
            return false;
        }

        var path = _path.Resolve(Local(now));
        var exists = File.Exists(path);
        try
        {
            _stream.SwitchTo(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _errors.Warn("watch", $"{active} was moved or replaced, but {path} could not be opened ({ex.Message}); writing on into the moved file.");
            return false;
        }

        _activePath = path;
        _identity = _stream.Identity;
        _size = _stream.Length + _stream.BufferedBytes;
        _started = exists ? KeptStartTime(path, now) : now;
        ScheduleBoundary(now);
        if (!exists)
        {
            KeepStartTime();
        }

        return true;
    }

    /// <summary>True when <paramref name="active"/> no longer names the open file.</summary>
    private bool PathChanged(string active) =>
        _identity is { } open ? UnixNative.IdentityOf(active) != open : !File.Exists(active);
}
