using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// The log files open in this process, by path. A reload builds new sinks before it retires the old ones; both
/// generations share one <see cref="RotatingFile"/> for a path, so the file is never opened twice by two writers that
/// would overwrite each other, and is closed when its last sink goes.
/// </summary>
internal static class LogFileRegistry
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, (RotatingFile File, int Leases)> Files = new(StringComparer.Ordinal);

    public static LogFileLease Acquire(PathTemplate path, FileSettings settings, TimeProvider time, SinkErrorReporter errors)
    {
        var key = path.FullPath;
        lock (Gate)
        {
            if (Files.TryGetValue(key, out var entry))
            {
                entry.File.Update(settings);
                Files[key] = (entry.File, entry.Leases + 1);
                return new LogFileLease(key, entry.File);
            }

            var file = new RotatingFile(path, settings, time, errors);
            Files[key] = (file, 1);
            return new LogFileLease(key, file);
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is the active file of a file open in this process (in any provider), so one
    /// sink's retention and recovery never touch another sink's file.
    /// </summary>
    public static bool IsActive(string path, DateTimeOffset now)
    {
        RotatingFile[] open;
        lock (Gate)
        {
            open = [.. Files.Values.Select(entry => entry.File)];
        }

        return open.Any(file => file.IsActivePath(path, now));
    }

    /// <summary>Releases one lease; returns the file when that was the last one, for the caller to close.</summary>
    public static RotatingFile? Release(string key)
    {
        lock (Gate)
        {
            var (file, leases) = Files[key];
            if (leases > 1)
            {
                Files[key] = (file, leases - 1);
                return null;
            }

            Files.Remove(key);
            return file;
        }
    }
}
