namespace LoguStyle.Files;

/// <summary>
/// The file at the process's exit, which ends it without closing it (threads may still log through the exit): from the
/// drain's start each record is flushed as it is written, and a flush that fails counts what it could not write and drops
/// it; once the queues have ended, the drain's last flush.
/// </summary>
internal sealed partial class RotatingFile
{
    // Set once, by the exit's drain (FlushEachRecordFromNow, FlushLastAtExit); never cleared.
    private volatile bool _flushEachRecordAtExit;

    /// <summary>
    /// The process is exiting: from now on each record is flushed as it is written, as with AutoFlush, so that a thread
    /// that logs through the exit, into a direct sink that has no queue to refuse it, does not leave records in the
    /// buffer for the process's end to take uncounted; and a flush that fails (a full disk) counts what the buffer holds
    /// as not written and drops it, as a close does (<see cref="Exiting"/>). Without the lock, which a stuck write may
    /// hold: a flag of its own, apart from the settings, so that a reload's <see cref="Update"/> (one that comes during
    /// the exit builds its sinks, and so updates this file, before it finds the exit and gives up) cannot turn it off again.
    /// </summary>
    public void FlushEachRecordFromNow() => _flushEachRecordAtExit = true;

    /// <summary>True when each record is flushed as it is written: AutoFlush, or the process is exiting.</summary>
    internal bool FlushesEachRecord => _flushEachRecordAtExit || _settings.AutoFlush;

    /// <summary>
    /// True once the process is exiting (<see cref="FlushEachRecordFromNow"/>): a flush that fails has no next one to keep
    /// its records for, since the process ends without closing the file. It counts them as not written and drops them,
    /// so that none ends on no count, and none counted lost is written by a later flush that succeeds. Not at a signal's
    /// drain, after which the application may go on: the records stay buffered for the next flush, as at any other time.
    /// </summary>
    internal bool Exiting => _flushEachRecordAtExit;

    /// <summary>
    /// After a signal's drain, which flushed the file and keeps what a failed flush holds for the next (the application
    /// may cancel the signal and go on): the logging calls still in its buffer, which a process that ends now loses.
    /// False when the file's lock was not had within <paramref name="wait"/> (a write that does not return holds it).
    /// </summary>
    public bool TryCountUnwrittenCalls(TimeSpan wait, out int calls)
    {
        calls = 0;
        if (!_lock.TryEnter(wait))
        {
            return false;
        }

        try
        {
            calls = _closed ? 0 : _file.UnwrittenCalls;
            return true;
        }
        finally
        {
            _lock.Exit();
        }
    }

    /// <summary>
    /// The exit drain's last flush of the file, once the queues in front of it have ended: what its buffer (or a shared
    /// file's batch) still holds is written, or counted as not written and dropped (<see cref="Exiting"/>), so that the
    /// drain's closing lines on stderr tell it before the process ends. Nothing once the file is closed (the close
    /// counted what it held). Blocks on the file's lock, which a write that never returns holds for good: the drain runs
    /// it on a thread of its own and waits for it within its bound.
    /// </summary>
    public void FlushLastAtExit()
    {
        // First, without the lock: a queue's writer the exit gave up on may still write, and each of its records is then
        // written or counted as it comes, also when the lock below is never had.
        FlushEachRecordFromNow();
        lock (_lock)
        {
            if (!_closed)
            {
                _file.Flush(closing: false);
            }
        }
    }
}
