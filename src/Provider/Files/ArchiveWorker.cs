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
    private readonly Func<DateTimeOffset, IReadOnlySet<string>> _activePaths;
    private readonly TimeProvider _time;
    private readonly SinkErrorReporter _errors;
    private readonly Channel<ArchiveJob> _jobs = Channel.CreateUnbounded<ArchiveJob>(new UnboundedChannelOptions { SingleReader = true });
    // For a shared file: the lock that serialises archiving across the processes writing it, so one process's
    // recovery never deletes the half-written archive another is finishing, and retention never runs twice at once.
    private readonly string? _processLockPath;
    private Shared.SharedFileLock? _processLock;
    private readonly Task _loop;

    public ArchiveWorker(PathTemplate path, Func<FileSettings> settings, Func<DateTimeOffset, IReadOnlySet<string>> activePaths, TimeProvider time, SinkErrorReporter errors, string? processLockPath = null)
    {
        _processLockPath = processLockPath;
        _path = path;
        _settings = settings;
        _activePaths = activePaths;
        _time = time;
        _errors = errors;
        _jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Recover, null, null));
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a closed file for compression (when configured), followed by retention.</summary>
    public void Archive(string closedPath) => _jobs.Writer.TryWrite(new ArchiveJob(ArchiveJobKind.Archive, closedPath, null));

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
                        Recover();
                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Archive when _processLockPath is not null:
                        // Shared: also finish what a process killed after a rotation left behind.
                        Recover();
                        ApplyRetention();
                        break;
                    case ArchiveJobKind.Archive:
                        if (_settings().Compression is { } compression)
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
                if (locked)
                {
                    _processLock!.Exit();
                }
            }
        }
    }

    private void Recover()
    {
        var compression = _settings().Compression;
        foreach (var file in SinkFiles())
        {
            if (file.Match.Groups["part"].Success)
            {
                File.Delete(file.Path);
            }
            else if (compression is not null && !file.Match.Groups["archive"].Success && !file.IsActive)
            {
                Compress(file.Path, compression);
            }
        }
    }

    private void Compress(string closedPath, Compression compression)
    {
        if (!File.Exists(closedPath))
        {
            return;
        }

        var archive = closedPath + compression.Extension;
        if (File.Exists(archive))
        {
            // A previous run finished this archive (it is renamed into place only when complete) but stopped
            // before deleting the closed file.
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

    private void ApplyRetention()
    {
        if (_settings().Retention is not { } retention)
        {
            return;
        }

        var zone = _time.LocalTimeZone;
        var closed = SinkFiles()
            .Where(f => !f.IsActive && !f.Match.Groups["part"].Success)
            .Select(f =>
            {
                var info = new FileInfo(f.Path);
                var stamp = RotatedFileNames.ReadStamp(f.Match);
                var lastWrite = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
                var started = stamp is { } s ? ScheduledRotation.ToInstant(s.Start, zone) : lastWrite;
                return (File: new RetainedFile(f.Path, started, lastWrite, info.Length), Clash: stamp?.Clash ?? 0);
            })
            .OrderByDescending(f => f.File.Started)
            .ThenByDescending(f => f.Clash)
            .ThenByDescending(f => f.File.Path, StringComparer.Ordinal)
            .Select(f => f.File)
            .ToList();

        foreach (var file in retention.SelectForDeletion(closed, _time.GetUtcNow()).ToList())
        {
            TryDelete(file.Path);
        }
    }

    private IEnumerable<(string Path, Match Match, bool IsActive)> SinkFiles()
    {
        if (!Directory.Exists(_path.Directory))
        {
            yield break;
        }

        var pattern = _path.CreatePattern(_settings().Compression?.Extension);
        var active = _activePaths(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _time.LocalTimeZone));
        foreach (var path in Directory.EnumerateFiles(_path.Directory))
        {
            var match = pattern.Match(Path.GetFileName(path));
            if (match.Success)
            {
                yield return (path, match, active.Contains(path));
            }
        }
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
