using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// A file only this process writes: records go into a <see cref="WriteBehindFile"/>'s buffer, rotation is judged before
/// each record, and with <see cref="FileSinkOptions.Watch"/> the path is looked at before buffered records reach the
/// operating system, so none goes to a file that was moved or replaced.
/// </summary>
internal sealed class PrivateActiveFile(RotatingFile owner, TimeProvider time, Action armFlushTimer, FileCounts counts)
    : ActiveFile(owner, time, armFlushTimer)
{
    private WriteBehindFile? _stream;

    public override bool IsShared => false;

    public override bool IsOpen => _stream is not null;

    public override FileIdentity? Identity => _stream?.Identity;

    public override void OpenAtStart() => Owner.EnsureOpen(Time.GetUtcNow());

    public override void Append(ReadOnlySpan<byte> record, bool isCall, DateTimeOffset now)
    {
        Owner.EnsureOpen(now);
        ReserveRoomIfExiting();

        // Watch looks at the path just before buffered records go to the operating system (here, when this record
        // fills the buffer; in FlushStream and the rotation otherwise): one statx per 64 KiB or per flush, not per
        // record, and still no byte written after the path changed goes to the file that was there before.
        if (Settings.Watch && _stream!.WritesBefore(record.Length))
        {
            FollowPath(now);
        }

        // Judged by the count; when that says rotate, the count is checked against the file first, and judged again if
        // it was too high.
        if (Owner.ShouldRotate(now, record.Length) && (!SizeWasEmptiedFromOutside() || Owner.ShouldRotate(now, record.Length)))
        {
            Owner.Rotate(now, reopen: true);
        }

        // Whole records only: after a failed write (disk full) the file keeps the buffered records for the next try,
        // which writes them at the same offset, and this record is refused (and counted), not half copied.
        // Counted written once the buffer reaches the operating system (WriteBehindFile).
        _stream!.Append(record, isCall);
        Owner.Grow(record.Length);
        if (Owner.FlushesEachRecord)
        {
            TryFlushStream(now);
        }

        if (_stream.BufferedBytes > 0)
        {
            MarkDirty();
        }
    }

    public override void Flush(bool closing)
    {
        if (_stream is not null && !closing)
        {
            ReserveRoomIfExiting();
            FlushOrDropAtExit(Time.GetUtcNow());
        }
    }

    public override void RotateForShutdown()
    {
        if (_stream is not null && Owner.Period.Size > 0)
        {
            Owner.Rotate(Time.GetUtcNow(), reopen: false);
        }
    }

    public override void CloseForDispose()
    {
        if (_stream is not null && Settings.Watch)
        {
            // The last buffered records go where the others went: to the file now at the path.
            FollowPath(Time.GetUtcNow());
        }

        try
        {
            if (_stream is not null && Settings.RotateOnShutdown && !Owner.RotatedForShutdown && Owner.Period.Size > 0)
            {
                Owner.Rotate(Time.GetUtcNow(), reopen: false);
            }
        }
        finally
        {
            // Also when the rotation could not rename the file, which then stays open, and when its flush failed (a full
            // disk): the close counts what the buffer still holds as not written, and closes the file.
            Close();
        }
    }

    public override void OnBoundaryTimer() => Owner.RotateAtBoundary(Time.GetUtcNow());

    public override int UnwrittenCalls => _stream?.PendingRecords ?? 0;

    public override long OpenAt(string path, bool truncate)
    {
        _stream = new WriteBehindFile(path, truncate ? FileMode.Create : FileMode.Append, counts);
        ReserveRoomIfExiting();
        return _stream.OpenedLength;
    }

    public override void Close()
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            FlushStream(Time.GetUtcNow(), watch: false);
        }
        catch (Exception ex)
        {
            // The buffer goes with the stream: its records are lost, and counted (whatever the failure was).
            counts.RecordFailed(ex, _stream.PendingRecords);
            throw;
        }
        finally
        {
            _stream.Dispose();
            _stream = null;
            MarkClean();
        }
    }

    // The path holds another file than the one this rotation would close (never rename someone else's file): that one
    // is the active file now, judged afresh by the next record.
    public override bool ReplacedAtPath(DateTimeOffset now) => _stream is not null && Settings.Watch && FollowPath(now);

    // Renamed while still open, with every record flushed into it, so that when the rename fails the file simply stays
    // the active one: no close and reopen.
    public override void FlushBeforeRename(DateTimeOffset now)
    {
        if (_stream is not null)
        {
            FlushStream(now, watch: false);
        }
    }

    // Now kept where it was not (size rotation became daily, say), or kept again: cheap either way.
    public override void OnRotationChanged() => Owner.KeepStartTime();

    /// <summary>
    /// Watch: when the path names another file than the one open (renamed away and recreated by logrotate's
    /// <c>create</c>, swapped by <c>mv</c>, deleted), the buffered records and every later one go to the file at the
    /// path (created if missing). Compared by device and inode, as Loguru does; by existence where the platform has
    /// no inode. If the new file cannot be opened, records go on into the old one, and that is reported.
    /// </summary>
    /// <returns>True when it went on in another file.</returns>
    private bool FollowPath(DateTimeOffset now)
    {
        if (_stream is null || Owner.ActivePathLocked is not { } active || !PathChanged(active))
        {
            return false;
        }

        var path = Owner.PathAt(now);
        var exists = File.Exists(path);
        try
        {
            _stream.SwitchTo(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            counts.Errors.Warn("watch", $"{active} was moved or replaced, but {path} could not be opened ({ex.Message}); writing on into the moved file.");
            return false;
        }

        Owner.Adopt(path, _stream.Length + _stream.BufferedBytes, now, startedNow: !exists);
        return true;
    }

    /// <summary>
    /// Writes the buffered records to the operating system (to the file now at the path, with Watch), then takes the
    /// file's size from the file: someone may have emptied it (logrotate's <c>copytruncate</c>), and the size that
    /// rotation judges is then right again from here on.
    /// </summary>
    private void FlushStream(DateTimeOffset now, bool watch = true)
    {
        if (watch && Settings.Watch)
        {
            FollowPath(now);
        }

        _stream!.Flush();
        MarkClean();
        Owner.SetSize(_stream.Length);
    }

    /// <summary>
    /// Before a rotation, the size counted since the last flush is checked against the file (one fstat per rotation,
    /// not per record): emptied from outside since (logrotate's <c>copytruncate</c>, <c>: &gt; app.log</c>), the file
    /// holds less than counted, and a size limit would otherwise be reached early by the bytes that were emptied.
    /// Not while the pool writes a handed-over buffer: the file's length is then between two values.
    /// </summary>
    /// <returns>True when the count was too high and is corrected (the record is then judged again).</returns>
    private bool SizeWasEmptiedFromOutside()
    {
        if (_stream is null || _stream.HasHandedOff)
        {
            return false;
        }

        var actual = _stream.Length + _stream.BufferedBytes;
        if (actual >= Owner.Period.Size)
        {
            return false;
        }

        Owner.SetSize(actual);
        return true;
    }

    /// <summary>
    /// <see cref="FlushStream"/>, whose failure keeps the buffered records for the next flush or record and is thrown; at
    /// the exit (<see cref="RotatingFile.Exiting"/>), where no next try comes before the process ends, the failure counts
    /// what the buffer holds as not written and drops it instead, as <see cref="Close"/> counts it: counted once, and
    /// never written by a later flush that succeeds.
    /// </summary>
    private void FlushOrDropAtExit(DateTimeOffset now)
    {
        try
        {
            FlushStream(now);
        }
        catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && Owner.Exiting)
        {
            // A sink's own lines in the buffer (a queue's drop report) go with it, uncounted: they are no logging calls
            // (a buffer of those alone is told as a failure that lost none).
            var lost = _stream!.DropBuffered();
            MarkClean();
            counts.RecordFailed(ex, lost);
        }
    }

    /// <summary>
    /// From the exit's drain the process may end inside any write, before a write that ran out of room part way is cut
    /// back: each write reserves its room first instead (<see cref="AppendFile.ReserveRoomFirst"/>), so none leaves part
    /// of a record at the file's end. Before a record or a flush (which may write the buffer, also in a rotation or
    /// when Watch follows the path), and on the file a rotation opens.
    /// </summary>
    private void ReserveRoomIfExiting()
    {
        if (Owner.Exiting)
        {
            _stream!.ReserveRoomFirst();
        }
    }

    private void TryFlushStream(DateTimeOffset now)
    {
        try
        {
            FlushOrDropAtExit(now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // AutoFlush: the record stays buffered for the next flush (the next record tries first): reported, not yet lost.
            counts.Errors.ReportKept(ex);
        }
    }
}
