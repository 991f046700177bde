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
internal sealed class ArchiveWorker : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ArchiveLockTimeout = TimeSpan.FromMinutes(10);

    private readonly PathTemplate _path;
    private readonly Func<FileSettings> _settings;
    private readonly Func<string, DateTimeOffset, bool> _isActive;
    private readonly TimeProvider _time;
    private readonly SinkErrorReporter _errors;
    private readonly Channel<ArchiveJob> _jobs = Channel.CreateUnbounded<ArchiveJob>(new UnboundedChannelOptions { SingleReader = true });
    // For a shared file: the lock that serialises archiving across the processes writing it, so one process's
    // recovery never deletes the half-written archive another is finishing, and retention never runs twice at once.
    private readonly string? _processLockPath;
    private Shared.SharedFileLock? _processLock;
    private readonly Task _loop;
    private int _recoveryQueued;

    public ArchiveWorker(PathTemplate path, Func<FileSettings> settings, Func<string, DateTimeOffset, bool> isActive, TimeProvider time, SinkErrorReporter errors, string? processLockPath = null)
    {
        _processLockPath = processLockPath;
        _path = path;
        _settings = settings;
        _isActive = isActive;
        _time = time;
        _errors = errors;
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
            _jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Recover, null, null));
        }
    }

    /// <summary>Queues a closed file for compression (when configured), followed by retention; claims it for this worker.</summary>
    public void Archive(string closedPath)
    {
        ArchiveClaims.TryClaim(closedPath, this);
        if (!_jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Archive, closedPath, null)))
        {
            ArchiveClaims.Release(closedPath, this);
        }
    }

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
            await _loop.WaitAsync(DrainTimeout).ConfigureAwait(false);
            _processLock?.Dispose();
        }
        catch (TimeoutException)
        {
            _errors.Report($"LoguStyle: compression of {_path.Configured} did not finish within {DrainTimeout.TotalSeconds:0} s; the closed files are kept and are compressed at the next start.");
        }
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
                        RecoverFiles();
                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Archive when _processLockPath is not null:
                        // Shared: also finish what a process killed after a rotation left behind.
                        RecoverFiles();
                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Archive:
                        if (_settings().Compression is { } compression && ArchiveClaims.TryClaim(job.Path!, this))
                        {
                            Compress(job.Path!, compression);
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
                _errors.Report($"LoguStyle: archiving for {_path.Configured} failed: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                if (job.Path is not null)
                {
                    ArchiveClaims.Release(job.Path, this);
                }

                if (locked)
                {
                    _processLock!.Exit();
                }
            }
        }
    }

    private void RecoverFiles()
    {
        var compression = _settings().Compression;
        foreach (var file in SinkFiles())
        {
            if (file.Match.Groups["part"].Success)
            {
                // Half written by a process that stopped, unless a worker of this process is writing it now.
                if (!ArchiveClaims.IsClaimedByAnother(ClosedFileOf(file.Path, file.Match), this))
                {
                    File.Delete(file.Path);
                }
            }
            else if (compression is not null && !file.Match.Groups["archive"].Success && !IsActive(file.Path) && ArchiveClaims.TryClaim(file.Path, this))
            {
                try
                {
                    Compress(file.Path, compression);
                }
                finally
                {
                    ArchiveClaims.Release(file.Path, this);
                }
            }
        }
    }

    /// <summary>Compresses a closed file this worker has claimed, unless it is archived already (under any extension).</summary>
    private void Compress(string closedPath, Compression compression)
    {
        if (!File.Exists(closedPath))
        {
            return;
        }

        var archive = closedPath + compression.Extension;
        if (PathTemplate.ArchiveExtensions.Append(compression.Extension).Any(extension => File.Exists(closedPath + extension)))
        {
            // An archive is renamed into place only when complete: a previous run (or a worker with the compression
            // before a reload) finished this one but stopped before deleting the closed file. Never archive it twice.
            File.Delete(closedPath);
            return;
        }

        var partial = archive + RotatedFileNames.PartialExtension;
        File.Delete(partial);
        try
        {
            compression.Compress(closedPath, partial);
            File.Move(partial, archive);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }

        File.Delete(closedPath);
    }

    /// <summary>The closed file a half-written archive (<c>x.log.gz.part</c>) is made from (<c>x.log</c>).</summary>
    private static string ClosedFileOf(string partPath, Match match)
    {
        var archive = match.Groups["archive"];
        var suffix = (archive.Success ? archive.Length : 0) + RotatedFileNames.PartialExtension.Length;
        return partPath[..^suffix];
    }

    private void ApplyRetention()
    {
        if (_settings().Retention is not { } retention)
        {
            return;
        }

        var zone = _time.LocalTimeZone;
        var closed = new List<(RetainedFile File, int Clash)>();
        foreach (var (path, match) in SinkFiles())
        {
            if (match.Groups["part"].Success || IsActive(path))
            {
                continue;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                // Deleted or renamed since the folder was read (compressed by a worker of another sink, say).
                continue;
            }

            // Ordered and aged by instants: a stamp carries its offset (older names are read in the zone of now).
            var stamp = RotatedFileNames.ReadStamp(match, zone);
            var lastWrite = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            var started = stamp?.Start ?? lastWrite;
            closed.Add((new RetainedFile(path, started, lastWrite, info.Length), stamp?.Clash ?? 0));
        }

        var newestFirst = closed
            .OrderByDescending(f => f.File.Started)
            .ThenByDescending(f => f.Clash)
            .ThenByDescending(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => f.File)
            .ToList();
        foreach (var file in retention.SelectForDeletion(newestFirst, _time.GetUtcNow()).ToList())
        {
            // Asked at the last moment: a file may have become active (a {time} path reopened) or been claimed since.
            if (!IsActive(file.Path) && !ArchiveClaims.IsClaimedByAnother(file.Path, this))
            {
                TryDelete(file.Path);
            }
        }
    }

    private IEnumerable<(string Path, Match Match)> SinkFiles()
    {
        if (!Directory.Exists(_path.Directory))
        {
            yield break;
        }

        var pattern = _path.CreatePattern(_settings().Compression?.Extension);
        foreach (var path in Directory.EnumerateFiles(_path.Directory))
        {
            var match = pattern.Match(Path.GetFileName(path));
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
        return _isActive(path, now) || LogFileRegistry.IsActive(path, now);
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            _errors.Report(string.Create(CultureInfo.InvariantCulture, $"LoguStyle: could not delete {path}: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            _errors.Report(string.Create(CultureInfo.InvariantCulture, $"LoguStyle: could not delete {path}: {ex.Message}"));
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
