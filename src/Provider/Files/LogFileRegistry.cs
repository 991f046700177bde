using LoguStyle.Diagnostics;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// The log files open in this process, by what they are rather than how their path is spelled. A reload builds new
/// sinks before it retires the old ones; both generations share one <see cref="RotatingFile"/> for a file, so it is
/// never opened twice by two writers that would overwrite each other, and is closed when its last sink goes. A file
/// whose last sink went is closing: a sink that asks for it then waits until it has flushed and closed, and opens it
/// afresh (another provider built while the last one is disposed). A second provider asking for a file another live
/// provider writes is refused at start-up, as two sinks of one provider on one path are (see OptionsCheck).
/// </summary>
internal static class LogFileRegistry
{
    // A file's close (a flush, a rename, the archive worker's current job) that takes longer than this is left to
    // finish beside the new writer, which the kernel then refuses as a second writer and retries every 2 s.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(30);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, RegisteredFile> Files = new(StringComparer.Ordinal);
    private static int _waiting;

    /// <summary>The number of sinks waiting for a closing file (for tests).</summary>
    internal static int Waiting => Volatile.Read(ref _waiting);

#if DEBUG
    /// <summary>
    /// A test's hook into the window between a file's last lease and its close, on the disposing thread, given the
    /// file's full path. Debug builds only.
    /// </summary>
    internal static Action<string>? AfterLastRelease { get; set; }

#endif
    /// <exception cref="ArgumentException">Another provider's sink writes this file.</exception>
    public static LogFileLease Acquire(PathTemplate path, FileSettings settings, TimeProvider time, SinkErrorReporter errors, object owner, string sinkName)
    {
        var key = KeyOf(path);
        while (true)
        {
            RegisteredFile? closing;
            lock (Gate)
            {
                if (!Files.TryGetValue(key, out var entry))
                {
                    entry = new RegisteredFile(key, new RotatingFile(path, settings, time, errors), owner, sinkName, path.FullPath);
                    Files[key] = entry;
                    return new LogFileLease(entry);
                }

                if (!entry.Closing)
                {
                    if (!ReferenceEquals(entry.Owner, owner))
                    {
                        throw new ArgumentException(ConflictMessage(entry, sinkName, path.FullPath), nameof(path));
                    }

                    entry.File.Update(settings);
                    entry.Leases++;
                    return new LogFileLease(entry);
                }

                closing = entry;
            }

            Interlocked.Increment(ref _waiting);
            try
            {
                if (!closing.Closed.Wait(CloseWait))
                {
                    errors.Report($"LoguStyle: {path.FullPath} was still closing after {CloseWait.TotalSeconds:0} s; opening it beside the old writer.");
                    Forget(closing);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is the active file of a file open (or closing) in this process, in any
    /// provider, so one sink's retention and recovery never touch another sink's file.
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

    /// <summary>Releases one lease; returns the file when that was the last one, for the caller to close and then <see cref="Closed"/>.</summary>
    public static RotatingFile? Release(RegisteredFile entry)
    {
        lock (Gate)
        {
            if (--entry.Leases > 0)
            {
                return null;
            }

            entry.Closing = true;
            return entry.File;
        }
    }

    /// <summary>Says that a released file has closed: it leaves the registry, and sinks waiting for it go on.</summary>
    public static void Closed(RegisteredFile entry)
    {
        Forget(entry);
        entry.MarkClosed();
    }

    /// <summary>
    /// What identifies a sink's file: the device and inode of its folder (the nearest one that exists) and the rest of
    /// the path, so that a folder reached through a symbolic link or a bind mount is the same folder. The folder, not
    /// the file: the file may not exist yet (Delay, a {time} token). The full path where the platform has no inodes.
    /// </summary>
    public static string KeyOf(PathTemplate path) => KeyOf(path.FullPath);

    /// <inheritdoc cref="KeyOf(PathTemplate)"/>
    public static string KeyOf(string fullPath)
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

    private static void Forget(RegisteredFile entry)
    {
        lock (Gate)
        {
            if (Files.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
            {
                Files.Remove(entry.Key);
            }
        }
    }

    private static string ConflictMessage(RegisteredFile entry, string sinkName, string fullPath)
    {
        var same = string.Equals(entry.FullPath, fullPath, StringComparison.Ordinal) ? string.Empty : $" (the same file as {entry.FullPath})";
        return $"Sink '{sinkName}' writes {fullPath}{same}, which sink '{entry.SinkName}' of another LoguStyle provider in this process already writes: "
            + "each would rotate it by its own settings. Give each file sink its own path, or log through one provider.";
    }
}
