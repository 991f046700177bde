using LoguStyle.Diagnostics;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// A file shared by several processes (<see cref="FileSinkOptions.Shared"/>). Records are collected into a batch;
/// the batch is appended while this process holds the lock every writer of the file takes. Under that lock the
/// process first catches up with the others (a raised generation means another process rotated: reopen the new
/// file; the size and start time are read from the file and its sidecar), then judges rotation record by record
/// exactly as a private file does, writing each run of records between rotations in one append. So exactly one
/// process rotates at a boundary, and no process writes to a file after it was closed.
/// </summary>
internal sealed partial class RotatingFile
{
    // Large enough that the lock and the system calls cost little per record, small enough to reach the file quickly.
    private const int SharedBatchBytes = 64 * 1024;

    /// <summary>The lock of every process writing this file, opened (and its folder created) when first needed.</summary>
    private SharedFileLock SharedLock => _sharedLock ??= SharedFileLock.Open(_sharedLockPath!, _settings.SharedLockTimeout);

    private void AppendShared(ReadOnlySpan<byte> record, SinkStats stats, DateTimeOffset now)
    {
        // Counted as written when the batch reaches the file (or as failed if it cannot).
        _batch!.Add(record, now, stats);
        if (_settings.AutoFlush || _batch.Length >= SharedBatchBytes)
        {
            DrainShared();
        }
        else if (!_dirty)
        {
            _dirty = true;
            _flushTimer.Change(_settings.FlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Appends the batch under the processes' lock. A failure is counted for the records not written.</summary>
    private void DrainShared()
    {
        var batch = _batch!;
        if (batch.Count == 0)
        {
            return;
        }

        var written = 0;
        try
        {
            using (SharedLock.Hold())
            {
                // Files are started at the clock's time, read under the lock: a batch may hold records older than the
                // file another process just started, and the names of closed files must follow the order they were
                // written in. Rotation conditions still judge each record by its own time.
                var clock = _time.GetUtcNow();
                SyncShared(clock);
                if (_settings.Watch && PathChanged(_activePath!))
                {
                    // Moved or deleted under every writer: the first to notice starts a new file and tells the others.
                    AnnounceNewFile();
                    CloseStream();
                    Open(clock, _path.Resolve(Local(clock)), fresh: true);
                }

                var run = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    if (ShouldRotate(batch.TimeOf(i), batch.LengthOf(i)))
                    {
                        written = WriteRun(batch, run, i);
                        run = i;
                        Rotate(clock > batch.TimeOf(i) ? clock : batch.TimeOf(i), reopen: true);
                    }

                    _size += batch.LengthOf(i);
                }

                written = WriteRun(batch, run, batch.Count);
            }
        }
#pragma warning disable CA1031 // Runs on the caller's thread or a timer's: any failure (I/O, a rotation predicate) is counted, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _errors.RecordFailed(ex, batch.Count - written);
        }
        finally
        {
            batch.Clear();
            _dirty = false;
        }
    }

    /// <returns>The number of records in the batch written so far (<paramref name="end"/>).</returns>
    private int WriteRun(RecordBatch batch, int first, int end)
    {
        if (end > first)
        {
            _shared!.Append(batch.Span(first, end));
            batch.CountWritten(first, end);
        }

        return end;
    }

    /// <summary>Catches up with the other processes; the caller holds the processes' lock.</summary>
    private void SyncShared(DateTimeOffset now)
    {
        if (_shared is null || SharedLock.Generation != _generation)
        {
            // Another process rotated (or this one has not opened the file yet): the file this process holds is closed,
            // and a closed file this worker does not know may be in the folder.
            if (SharedLock.Generation != _generation)
            {
                _archiver.RotatedElsewhere();
            }

            CloseStream();
            EnsureOpen(now);
            _generation = SharedLock.Generation;
            RepairTail();
            return;
        }

        RepairTail();
        if (_nextBoundary != DateTimeOffset.MaxValue && StartTimeStore.Read(_activePath!) is { } started && started != _started)
        {
            // Another process restarted an empty file's period.
            _started = started;
            ScheduleBoundary(now);
        }
    }

    /// <summary>
    /// Reads the shared size, first cutting a torn last record: a writer killed inside its write (Linux may stop a
    /// large write at a page boundary when SIGKILL arrives) leaves part of a record, and the next record would be glued
    /// to it. Every writer holds the lock while it writes, so a file not ending in a newline here is such a leftover.
    /// </summary>
    private void RepairTail()
    {
        var cut = _shared!.CutTornTail();
        if (cut > 0)
        {
            _errors.Report($"LoguStyle: removed {cut} bytes of a partial record at the end of {_activePath}, left by a process that stopped while writing it.");
        }

        _size = _shared.Length;
    }

    /// <summary>Raises the generation after this process closed or replaced the file, so the others reopen it.</summary>
    private void AnnounceNewFile()
    {
        if (IsShared)
        {
            _generation = SharedLock.Generation + 1;
            SharedLock.Generation = _generation;
        }
    }

    /// <summary>The idle rotation timer of a shared file: the batch first, then the boundary on the shared file.</summary>
    private void RotateSharedAtBoundary()
    {
        DrainShared();
        using (SharedLock.Hold())
        {
            var now = _time.GetUtcNow();
            SyncShared(now);
            RotateAtBoundary(now);
        }
    }

    private void RotateSharedForShutdown()
    {
        DrainShared();
        if (!IsOpen)
        {
            return;
        }

        using (SharedLock.Hold())
        {
            var now = _time.GetUtcNow();
            SyncShared(now);
            if (_size > 0)
            {
                Rotate(now, reopen: false);
            }
        }
    }

    private void CloseShared()
    {
        try
        {
            if (_settings.RotateOnShutdown)
            {
                RotateSharedForShutdown();
            }
            else
            {
                DrainShared();
            }
        }
        finally
        {
            CloseStream();
        }
    }
}
