namespace LoguStyle.Files.Shared;

/// <summary>
/// A file shared by several processes (<see cref="FileSinkOptions.Shared"/>). Records are collected into a batch;
/// the batch is appended while this process holds the lock every writer of the file takes. Under that lock the
/// process first catches up with the others (a raised generation means another process rotated: reopen the new
/// file; the size and start time are read from the file and its sidecar), then judges rotation record by record
/// exactly as a private file does, writing each run of records between rotations in one append. So exactly one
/// process rotates at a boundary, and no process writes to a file after it was closed.
/// </summary>
internal sealed class SharedActiveFile(RotatingFile owner, TimeProvider time, Action armFlushTimer, FileCounts counts, string lockPath)
    : ActiveFile(owner, time, armFlushTimer)
{
    // Large enough that the lock and the system calls cost little per record, small enough to reach the file quickly.
    private const int BatchBytes = 64 * 1024;

    private readonly RecordBatch _batch = new();
    private SharedFileLock? _lock;
    private AppendFile? _file;
    private long _generation;

    public override bool IsShared => true;

    public override bool IsOpen => _file is not null;

    public override FileIdentity? Identity => _file?.Identity;

    /// <summary>The lock of every process writing this file, opened (and its folder created) when first needed.</summary>
    private SharedFileLock Lock => _lock ??= SharedFileLock.Open(lockPath, Settings.SharedLockTimeout);

    public override void OpenAtStart()
    {
        using (Lock.Hold())
        {
            Sync(Time.GetUtcNow());
        }
    }

    public override void Append(ReadOnlySpan<byte> record, bool isCall, DateTimeOffset now)
    {
        // Counted as written when the batch reaches the file (or as failed if it cannot).
        _batch.Add(record, now, isCall);
        if (Owner.FlushesEachRecord || _batch.Length >= BatchBytes)
        {
            Drain();
        }
        else
        {
            MarkDirty();
        }
    }

    public override void Flush(bool closing) => Drain();

    public override void RotateForShutdown()
    {
        Drain();
        if (!IsOpen)
        {
            return;
        }

        using (Lock.Hold())
        {
            var now = Time.GetUtcNow();
            Sync(now);
            if (Owner.Period.Size > 0)
            {
                Owner.Rotate(now, reopen: false);
            }
        }
    }

    public override void CloseForDispose()
    {
        try
        {
            if (Settings.RotateOnShutdown && !Owner.RotatedForShutdown)
            {
                RotateForShutdown();
            }
            else
            {
                Drain();
            }
        }
        finally
        {
            Close();
        }
    }

    /// <summary>The idle rotation timer of a shared file: the batch first, then the boundary on the shared file.</summary>
    public override void OnBoundaryTimer()
    {
        Drain();
        using (Lock.Hold())
        {
            var now = Time.GetUtcNow();
            Sync(now);
            Owner.RotateAtBoundary(now);
        }
    }

    public override long OpenAt(string path, bool truncate)
    {
        var file = AppendFile.Open(path);
        if (!file.TryRegisterWriter(exclusive: false))
        {
            // A writer without Shared holds the file: appending beside it would interleave with its records.
            file.Dispose();
            throw new IOException(WriteBehindFile.AnotherWriterMessage(path));
        }

        _file = file;
        return file.Length;
    }

    public override void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    /// <summary>Raises the generation after this process closed or replaced the file, so the others reopen it.</summary>
    public override void AnnounceNewFile()
    {
        _generation = Lock.Generation + 1;
        Lock.Generation = _generation;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _lock?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Appends the batch under the processes' lock. A failure is counted for the records not written.</summary>
    private void Drain()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        var written = 0;
        try
        {
            using (Lock.Hold())
            {
                // Files are started at the clock's time, read under the lock: a batch may hold records older than the
                // file another process just started, and the names of closed files must follow the order they were
                // written in. Rotation conditions still judge each record by its own time.
                var clock = Time.GetUtcNow();
                Sync(clock);
                if (Settings.Watch && PathChanged(Owner.ActivePathLocked!))
                {
                    // Moved or deleted under every writer: the first to notice starts a new file and tells the others.
                    AnnounceNewFile();
                    Close();
                    Owner.Open(clock, Owner.PathAt(clock), fresh: true);
                }

                var run = 0;
                for (var i = 0; i < _batch.Count; i++)
                {
                    if (Owner.ShouldRotate(_batch.TimeOf(i), _batch.LengthOf(i)))
                    {
                        written = WriteRun(run, i);
                        run = i;
                        Owner.Rotate(clock > _batch.TimeOf(i) ? clock : _batch.TimeOf(i), reopen: true);
                    }

                    Owner.Grow(_batch.LengthOf(i));
                }

                written = WriteRun(run, _batch.Count);
            }
        }
#pragma warning disable CA1031 // Runs on the caller's thread or a timer's: any failure (I/O, a rotation predicate) is counted, never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            counts.RecordFailed(ex, _batch.CallsFrom(written));
        }
        finally
        {
            _batch.Clear();
            MarkClean();
        }
    }

    /// <returns>The number of records in the batch written so far (<paramref name="end"/>).</returns>
    private int WriteRun(int first, int end)
    {
        if (end > first)
        {
            if (Owner.Exiting)
            {
                // The process may end inside any write from now: none may leave part of a record at the file's end.
                _file!.ReserveRoomFirst();
            }

            _file!.Append(_batch.Span(first, end));
            _batch.CountWritten(first, end, counts);
        }

        return end;
    }

    /// <summary>Catches up with the other processes; the caller holds the processes' lock.</summary>
    private void Sync(DateTimeOffset now)
    {
        if (_file is null || Lock.Generation != _generation)
        {
            // Another process rotated (or this one has not opened the file yet): the file this process holds is closed,
            // and a closed file this process's archive worker does not know may be in the folder.
            if (Lock.Generation != _generation)
            {
                Owner.Archiver.RotatedElsewhere();
            }

            Close();
            Owner.EnsureOpen(now);
            _generation = Lock.Generation;
            RepairTail();
            return;
        }

        RepairTail();
        if (Owner.Period.HasBoundary && StartTimeStore.Read(Owner.ActivePathLocked!) is { } started && started != Owner.Period.Started)
        {
            // Another process restarted an empty file's period.
            Owner.AdoptStartTime(started, now);
        }
    }

    /// <summary>
    /// Reads the shared size, first cutting a torn last record: a writer killed inside its write (Linux may stop a
    /// large write at a page boundary when SIGKILL arrives) leaves part of a record, and the next record would be glued
    /// to it. Every writer holds the lock while it writes, so a file not ending in a newline here is such a leftover.
    /// </summary>
    private void RepairTail()
    {
        var cut = _file!.CutTornTail();
        if (cut > 0)
        {
            counts.Errors.Report($"LoguStyle: removed {cut} bytes of a partial record at the end of {Owner.ActivePathLocked}, left by a process that stopped while writing it.");
        }

        Owner.SetSize(_file.Length);
    }
}
