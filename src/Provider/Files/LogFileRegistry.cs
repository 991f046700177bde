using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// The log files open in this process, by what they are rather than how their path is spelled. A reload builds new
/// sinks before it retires the old ones; both generations share one <see cref="RotatingFile"/> for a file, so it is
/// never opened twice by two writers that would overwrite each other, and is closed when its last sink goes. A file
/// whose last sink went, or whose provider is being disposed, is closing: a sink of another provider that asks for it
/// then waits until it has flushed and closed, and opens it afresh. A second provider asking for a file another live
/// provider writes is refused at start-up, as two sinks of one provider on one path are (see OptionsCheck).
/// </summary>
internal static class LogFileRegistry
{
    // A file's close (a flush, a rename, the archive worker's current job) that takes longer than this is left to
    // finish beside the new writer, which the kernel then refuses as a second writer and retries every 2 s.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(30);

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, RegisteredFile> Files = new(StringComparer.Ordinal);

    // Archive workers of closed files still compressing, by the provider whose sink closed them.
    private static readonly List<(object Owner, Task Drain)> Drains = [];
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
    public static LogFileLease Acquire(PathTemplate path, FileSettings settings, TimeProvider time, SinkStats stats, SinkErrorReporter errors, object owner, string sinkName)
    {
        var place = FilePlace.Of(path);
        while (true)
        {
            RegisteredFile? closing;
            lock (Gate)
            {
                if (Find(place) is not { } entry)
                {
                    entry = new RegisteredFile(place, new RotatingFile(path, settings, time, stats, errors), owner, sinkName);
                    Files[place.Key] = entry;
                    return new LogFileLease(entry, stats);
                }

                if (!entry.Closing && ReferenceEquals(entry.Owner, owner))
                {
                    // Another generation of the same provider (a reload), also one built while the provider is being
                    // disposed: it shares the file, and is disposed right after.
                    entry.File.Update(settings);
                    entry.File.Join(stats, errors);
                    entry.Leases++;
                    return new LogFileLease(entry, stats);
                }

                if (!entry.Closing && !entry.OwnerDisposing)
                {
                    throw new ArgumentException(ConflictMessage(entry, sinkName, path.FullPath), nameof(path));
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

    /// <summary>
    /// <paramref name="owner"/>'s dispose has begun: its files will close, so from now on another provider that asks for
    /// one waits for its close instead of being refused. Called before the provider's loggers are pointed away from its
    /// sinks: the last lease is released only after the queues drained and the sinks flushed, and a provider built in
    /// between was refused as a second writer (an outside tester: 8-16 of 100 rounds, enqueued).
    /// </summary>
    public static void Disposing(object owner)
    {
        lock (Gate)
        {
            foreach (var entry in Files.Values)
            {
                if (ReferenceEquals(entry.Owner, owner))
                {
                    entry.OwnerDisposing = true;
                }
            }
        }
    }

    /// <summary>
    /// Releases the lease of the sink generation counting to <paramref name="stats"/>; returns the file when that was the
    /// last one, for the caller to close and then <see cref="Closed"/>. The file's counts leave that generation here, under
    /// the lock that orders the leases (<see cref="FileCounts.Leave"/>): the one that releases last is the one left to
    /// count the file's close, whichever generation took its lease first.
    /// </summary>
    public static RotatingFile? Release(RegisteredFile entry, SinkStats stats)
    {
        lock (Gate)
        {
            entry.File.Leave(stats);
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

    // By its key first; else any entry on the same file by identity (a hard link, or a file created since). Start-up
    // and reloads only, and a statx per open file at most.
    private static RegisteredFile? Find(FilePlace place) =>
        Files.TryGetValue(place.Key, out var entry) ? entry : Files.Values.FirstOrDefault(other => other.Place.SameFileAs(place));

    /// <summary>Keeps <paramref name="drain"/>, a closed file's archive worker finishing, for its provider's dispose.</summary>
    public static void Draining(object owner, Task drain)
    {
        lock (Gate)
        {
            Drains.RemoveAll(d => d.Drain.IsCompleted);
            Drains.Add((owner, drain));
        }
    }

    /// <summary>Completes when every archive worker of <paramref name="owner"/>'s closed files has finished (each within its own bound).</summary>
    public static Task DrainedAsync(object owner)
    {
        lock (Gate)
        {
            var drains = Drains.Where(d => ReferenceEquals(d.Owner, owner)).Select(d => d.Drain).ToList();
            Drains.RemoveAll(d => ReferenceEquals(d.Owner, owner));
            return Task.WhenAll(drains);
        }
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
