using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// Compresses closed files and applies retention off the writing path, one job at a time. At start-up it first
/// recovers from a crash: half-written archives are deleted, a closed file whose archive is complete is deleted,
/// and a closed file left uncompressed is compressed. An archive is written under a temporary name, flushed to
/// disk, and renamed; only then is the closed file deleted, so a crash at any point loses nothing.
/// </summary>
internal sealed partial class ArchiveWorker : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ArchiveLockTimeout = TimeSpan.FromMinutes(10);

    private readonly PathTemplate _path;
    private readonly Func<FileSettings> _settings;
    private readonly Func<string, DateTimeOffset, bool> _isActive;
    private readonly Func<DateTimeOffset, string?> _activePath;
    private readonly Func<int> _closings;
    private readonly TimeProvider _time;
    private readonly SinkErrorReporter _errors;
    private readonly Channel<ArchiveJob> _jobs = Channel.CreateUnbounded<ArchiveJob>(new UnboundedChannelOptions { SingleReader = true });
    // For a shared file: the lock that serialises archiving across the processes writing it, so one process's
    // recovery never deletes the half-written archive another is finishing, and retention never runs twice at once.
    private readonly string? _processLockPath;
    private Shared.SharedFileLock? _processLock;
    private readonly Task _loop;
    private int _recoveryQueued;

    // The token-free paths of every file sink this process has had. One of them is another sink's file even after that
    // sink closed it (disposed first, or removed by a reload), though it may look like a closed name of this sink.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> FixedPaths = new(StringComparer.Ordinal);

    // The sink's closed files between rotations. For a shared file, other processes change the folder too; what this
    // worker knows is rebuilt (one scan, which also recovers what a killed process left) only when another process
    // may have changed the folder since this worker last held the archive lock: see FolderMayHaveChanged.
    private readonly ClosedFileIndex _index = new();

    // Shared files: the archive lock's generation as this worker last left it (each archive job raises it), and a flag
    // the writer sets when it sees another process rotate (a rotation renames a file into the folder outside this lock).
    private long _folderVersion = -1;
    private int _rotatedElsewhere;

    // Set while the start-up recovery is queued or running, for the message of a dispose that gives up.
    private int _recovering;
    private (string? Extension, Regex Pattern)? _pattern;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private long _directoryScans;

    public ArchiveWorker(PathTemplate path, Func<FileSettings> settings, Func<string, DateTimeOffset, bool> isActive, Func<DateTimeOffset, string?> activePath, Func<int> closings, TimeProvider time, SinkErrorReporter errors, string? processLockPath = null)
    {
        _activePath = activePath;
        _closings = closings;
        _processLockPath = processLockPath;
        _path = path;
        _settings = settings;
        _isActive = isActive;
        _time = time;
        _errors = errors;
        if (!path.HasTokens)
        {
            FixedPaths.TryAdd(path.FullPath, 0);
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues the start-up recovery and retention, once. Called when every sink built with this one has opened its
    /// file (so none of their new files is taken for a closed one); until then the worker only archives what rotation
    /// hands it.
    /// </summary>
    public void Recover()
    {
        if (Interlocked.Exchange(ref _recoveryQueued, 1) == 0)
        {
            Volatile.Write(ref _recovering, 1);
            _jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Recover, null, null));
        }
    }

    /// <summary>Queues a closed file for compression (when configured), followed by retention; claims it for this worker.</summary>
    public void Archive(string closedPath)
    {
        lock (_pending)
        {
            _pending.Add(closedPath);
        }

        ArchiveClaims.TryClaim(closedPath, this);
        if (!_jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Archive, closedPath, null)))
        {
            // The worker is closed: the file stays as it is for the next start, and is not counted as this worker's.
            ArchiveClaims.Release(closedPath, this);
            lock (_pending)
            {
                _pending.Remove(closedPath);
            }
        }
    }

    /// <summary>
    /// Tells the worker of a shared file that another process rotated it (seen by the writer through the lock's
    /// generation): that process renamed a closed file into the folder, which this worker's next job must see.
    /// </summary>
    public void RotatedElsewhere() => Volatile.Write(ref _rotatedElsewhere, 1);

    /// <summary>How many times this worker has read its folder (start-up, and for a shared file when another process changed it).</summary>
    internal long DirectoryScans => Interlocked.Read(ref _directoryScans);

    /// <summary>Completes when every job queued before the call is done.</summary>
    public Task IdleAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Barrier, null, done)))
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _jobs.Writer.TryComplete();
        try
        {
            // On the sink's clock, so a test (FakeTimeProvider) sees the bound pass without waiting 30 s.
            await _loop.WaitAsync(DrainTimeout, _time).ConfigureAwait(false);
            _processLock?.Dispose();
        }
        catch (TimeoutException)
        {
            _errors.Report(LeftAtDispose());
        }
    }

    /// <summary>
    /// What a dispose that gave up leaves: the closed files whose job has not finished (the one being compressed
    /// included), by number and name. The worker goes on in the background while the process lives; whatever it does
    /// not reach is kept as it is, and the next start's recovery compresses it and applies retention.
    /// </summary>
    private string LeftAtDispose()
    {
        string[] left;
        lock (_pending)
        {
            left = [.. _pending.Order(StringComparer.Ordinal)];
        }

        var names = string.Join(", ", left.Take(10).Select(Path.GetFileName)) + (left.Length > 10 ? $" and {left.Length - 10} more" : string.Empty);
        var (work, next) = _settings().Compression is null
            ? ($"retention has not yet run after {left.Length} closed file(s) ({names})", "applies retention")
            : ($"{left.Length} closed file(s) are not yet compressed ({names})", "compresses them and applies retention");
        var recovery = Volatile.Read(ref _recovering) == 1 ? "; the start-up recovery of files an earlier run left has not finished either" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: archiving for {_path.Configured} did not finish within {DrainTimeout.TotalSeconds:0} s: {work}{recovery}. They are kept as they are; the next start of this sink {next}.");
    }

    private async Task RunAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var locked = false;
            try
            {
                if (_processLockPath is not null && job.Kind != ArchiveJobKind.Barrier)
                {
                    // Off the writing path, another process may compress a large file for a while: wait for it.
                    _processLock ??= Shared.SharedFileLock.Open(_processLockPath, ArchiveLockTimeout);
                    _processLock.Enter();
                    locked = true;
                }

                switch (job.Kind)
                {
                    case ArchiveJobKind.Recover:
                        // This scan sees whatever another process's rotation renamed into the folder until now.
                        Interlocked.Exchange(ref _rotatedElsewhere, 0);
                        RecoverFiles();
                        _index.Clear();
                        ApplyRetention();
                        Volatile.Write(ref _recovering, 0);
                        break;
                    case ArchiveJobKind.Archive when locked && FolderMayHaveChanged():
                        // Shared, and another process archived, deleted or rotated since this worker's last job: read
                        // the folder again, finishing what a process killed after its rotation left behind.
                        RecoverFiles();
                        _index.Clear();
                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Archive:
                        if (_settings().Compression is { } compression && ArchiveClaims.TryClaim(job.Path!, this))
                        {
                            Compress(job.Path!, compression);
                        }
                        else
                        {
                            Index(job.Path!);
                        }

                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Barrier:
                        job.Done!.TrySetResult();
                        break;
                }
            }
#pragma warning disable CA1031 // Archiving is best effort: a failure is reported and the closed file is kept.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // Once a minute: a compressor that always fails would otherwise print a line for every closed file.
                _errors.Warn("archive", $"archiving for {_path.Configured} failed: {ex.GetType().Name}: {ex.Message}; the closed file is kept uncompressed");
            }
            finally
            {
                if (locked)
                {
                    MarkFolderChanged();
                }

                if (job.Path is not null)
                {
                    ArchiveClaims.Release(job.Path, this);
                    lock (_pending)
                    {
                        _pending.Remove(job.Path);
                    }
                }

                if (locked)
                {
                    _processLock!.Exit();
                }
            }
        }
    }

    private void ApplyRetention()
    {
        if (_settings().Retention is not { } retention)
        {
            return;
        }

        if (!_index.IsBuilt)
        {
            // At start-up, and for a shared file every time: one scan. Afterwards each archive job tells the index.
            var compressing = _settings().Compression is not null;
            foreach (var (path, match) in SinkFiles())
            {
                // A closed file queued for this worker to compress is indexed by its own job as its archive: counted
                // now, size retention would weigh (and might delete) it at its uncompressed size.
                if (!match.Groups["part"].Success && !IsActive(path) && !(compressing && IsPending(path)))
                {
                    Index(path, match);
                }
            }

            _index.MarkBuilt();
        }

        var now = _time.GetUtcNow();
        var active = ActiveLength(now);
        foreach (var file in retention.SelectForDeletion(_index, now, active))
        {
            // Asked at the last moment: a file may have become active (a {time} path reopened) or been claimed since.
            if (!IsActive(file.Path) && !ArchiveClaims.IsClaimedByAnother(file.Path, this))
            {
                TryDelete(file.Path);
                _index.Remove(file.Path);
            }
        }

    }

    /// <summary>
    /// The size on disk of the file being written (or of the one the sink would open now), for size retention: read
    /// from the file, not from the writer, because a shared file grows by the other processes' records too. Records
    /// still buffered are not counted; retention runs right after a rotation, when the active file is new. A file
    /// the index holds is closed (a <c>{time}</c> file closed at shutdown keeps its name): it is counted once, as closed.
    /// </summary>
    /// <remarks>
    /// A file being closed (a rotation flushes it, then renames it) is not counted: its own archive job counts it, as
    /// the archive it becomes. Counted here at its full uncompressed size, it would make retention delete archives that
    /// still fit. The rotation count (odd while one is under way) is read before and after the size: a rotation during
    /// the read makes it 0, which the next file, opened empty, is.
    /// </remarks>
    private long ActiveLength(DateTimeOffset now)
    {
        var closings = _closings();
        if ((closings & 1) != 0 || _activePath(now) is not { } path || _index.Contains(path))
        {
            return 0;
        }

        long length;
        try
        {
            var info = new FileInfo(path);
            length = info.Exists ? info.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        return _closings() == closings ? length : 0;
    }

    private bool IsPending(string path)
    {
        lock (_pending)
        {
            return _pending.Contains(path);
        }
    }

    /// <summary>Tells the other processes this worker changed the folder (see <see cref="FolderMayHaveChanged"/>).</summary>
    private void MarkFolderChanged()
    {
        try
        {
            _folderVersion = _processLock!.Generation + 1;
            _processLock.Generation = _folderVersion;
        }
        catch (IOException)
        {
            // Not told: this worker reads the folder again at its next job rather than trust what it knows.
            _folderVersion = -1;
        }
    }

    /// <summary>
    /// Shared files, under the archive lock: true when another process may have changed the folder since this
    /// worker's last job. Every archive job of every process raises the archive lock's generation when it ends, so a
    /// generation other than the one this worker left means another process archived or deleted files; a rotation
    /// elsewhere (a closed file renamed in, perhaps by a process killed before it archived it) is seen by the writer
    /// through the file lock's generation (<see cref="RotatedElsewhere"/>). Files put in the folder by anything else
    /// are seen at the next start, as for a private file.
    /// </summary>
    private bool FolderMayHaveChanged() =>
        Interlocked.Exchange(ref _rotatedElsewhere, 0) == 1 | _processLock!.Generation != _folderVersion;

    /// <summary>Adds a closed file (or an archive) to the index, as retention sees it: its stamp, last write and size.</summary>
    private void Index(string path, Match? match = null)
    {
        match ??= _path.MatchName(Pattern(), Path.GetFileName(path));
        var info = new FileInfo(path);
        if (!match.Success || !info.Exists)
        {
            // Deleted or renamed since (compressed by a worker of another sink, say), or not a name of this sink.
            _index.Remove(path);
            return;
        }

        // Ordered by instants compression does not change (the name's time, its stamp with its offset; older names are
        // read in the zone of now), aged by the last write, which an archive keeps from its closed file.
        var lastWrite = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        var order = SinkFileOrder.Of(_path, match, _time.LocalTimeZone, lastWrite);
        _index.Set(new RetainedFile(path, order.Start, lastWrite, info.Length), order);
    }

    /// <summary>The pattern of this sink's names, made again only when a reload changes the archive extension.</summary>
    private Regex Pattern()
    {
        var extension = _settings().Compression?.Extension;
        if (_pattern is not { } cached || !string.Equals(cached.Extension, extension, StringComparison.Ordinal))
        {
            _pattern = cached = (extension, _path.CreatePattern(extension));
        }

        return cached.Pattern;
    }

    private IEnumerable<(string Path, Match Match)> SinkFiles()
    {
        if (!Directory.Exists(_path.Directory))
        {
            yield break;
        }

        Interlocked.Increment(ref _directoryScans);
        var pattern = Pattern();
        foreach (var path in Directory.EnumerateFiles(_path.Directory))
        {
            var match = _path.MatchName(pattern, Path.GetFileName(path));
            if (match.Success)
            {
                yield return (path, match);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is written now: this sink's active file (or the one it would open now), or
    /// the active file of any other file sink of this process, in any provider (the file registry knows them all).
    /// Asked just before a file is touched, not once per scan: a file created during a long scan was published as
    /// active before it was created.
    /// </summary>
    private bool IsActive(string path)
    {
        var now = _time.GetUtcNow();
        return _isActive(path, now) || LogFileRegistry.IsActive(path, now) ||
            (!string.Equals(path, _path.FullPath, StringComparison.Ordinal) && FixedPaths.ContainsKey(path));
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            _errors.Warn("delete", string.Create(CultureInfo.InvariantCulture, $"could not delete {path}: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            _errors.Warn("delete", string.Create(CultureInfo.InvariantCulture, $"could not delete {path}: {ex.Message}"));
        }
    }

    private enum ArchiveJobKind
    {
        Recover,
        Archive,
        Barrier,
    }

    private sealed record ArchiveJob(ArchiveJobKind Kind, string? Path, TaskCompletionSource? Done);
}
