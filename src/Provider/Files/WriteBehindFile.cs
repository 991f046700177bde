using LoguStyle.Diagnostics;
using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// The active file of a sink that is not shared, written behind its writers: records are copied into one 64 KiB
/// buffer while the previous, full one is written to the operating system by a pool thread. A logging thread then
/// pays for a copy, not for the <c>write</c> call, and holds the file's lock only for the copy, so other threads are
/// not held up behind a system call either. Only when the appending thread changed since the last full buffer: a
/// thread writing alone (a queue's writer, a single-threaded app) writes its full buffers itself, because handing
/// 64 KiB to another core costs it more (the bytes leave its cache, and it refills lines the other core read) than
/// the <c>write</c> call does. Called under the <see cref="RotatingFile"/>'s lock, except the pool thread's
/// <see cref="Execute"/>.
/// </summary>
/// <remarks>
/// The file is opened for appending (<see cref="AppendFile"/>, <c>O_APPEND</c> on Unix), so every write lands at the
/// file's end as it is then: a file emptied from outside (logrotate's <c>copytruncate</c>) is written from its start,
/// with no hole of NUL bytes where the old end was. It is registered as the file's only writer when it is opened; a
/// second writer (another process without <see cref="FileSinkOptions.Shared"/>) is refused, not interleaved.
/// Whole records only, and nothing lost or written twice on a failure: a write that fails (the disk is full) keeps its
/// buffer and cuts off any part of it that reached the file, so the next try appends the same bytes whole.
/// While a write has failed, each record first retries it and is refused (thrown, counted by the sink) if it fails
/// again, as a synchronous buffered file does. At most one buffer is being written: a writer that fills the next
/// one before the pool wrote the last waits for it, so memory stays bounded when the disk is slower than the logging.
/// A writer that finds the pool has not started the write yet does it itself, so a starved pool cannot stall logging.
/// Only the lock holder changes the buffers and their bookkeeping; the pool thread writes the bytes it was handed,
/// counts their records and says how it went before it signals, as its last act. A record is counted written (to the
/// file's <see cref="FileCounts"/> of that moment) when its buffer reaches the operating system, by the thread that
/// wrote it: one that never does is the caller's to count as not written (<see cref="PendingRecords"/> at a close,
/// <see cref="DropBuffered"/> at the process's exit), and only as that.
/// </remarks>
internal sealed class WriteBehindFile : IThreadPoolWorkItem, IDisposable
{
    private const int Idle = 0;
    private const int Queued = 1;
    private const int Running = 2;

    private AppendFile _file;
    private readonly FileCounts _counts;
    private readonly ManualResetEventSlim _written = new(initialState: true);
    private byte[] _filling = new byte[LogFileStreams.BufferSize];
    private int _filled;
    private BufferedCounts _fillingCounts;
    private byte[]? _spare;

    // The buffer handed to the pool (or whose write failed), set and cleared under the file's lock only; the state of
    // its write (Idle, Queued, Running), which exactly one thread moves from Queued to Running and back to Idle.
    private byte[]? _writing;
    private int _writingLength;
    private BufferedCounts _writingCounts;
    private int _state;

    // Set by the thread that wrote the handed-over buffer, before it signals; read by the lock holder after the signal.
    private bool _handedWritten;
    private volatile bool _poolFailed;

    // A write failed and its bytes are kept (the lock holder's own writes).
    private bool _failed;

    // Whether the appending thread changed since the last full buffer was handed over or written: only then is the
    // next full buffer handed to the pool.
    private int _lastThread;
    private bool _threadsTook;
    private bool _disposed;

    /// <summary>
    /// Opens <paramref name="path"/> (created if missing) for appending, emptied first for <see cref="FileMode.Create"/>.
    /// </summary>
    /// <exception cref="IOException">Another writer holds the file (see <see cref="AnotherWriterMessage"/>).</exception>
    public WriteBehindFile(string path, FileMode mode, FileCounts counts)
    {
        // Unbuffered: this class is the buffer.
        _file = OpenFile(path, mode, counts);
        _counts = counts;
        OpenedLength = _file.Length;
    }

    /// <summary>The file's length when it was opened.</summary>
    public long OpenedLength { get; }

    /// <summary>
    /// The file's length now, including what an outside hand did to it (emptied it). Exact after <see cref="Flush"/>,
    /// when nothing is buffered or being written; called under the file's lock.
    /// </summary>
    public long Length => _file.Length;

    /// <summary>The device and inode of the open file, where the platform tells them.</summary>
    public FileIdentity? Identity => _file.Identity;

    /// <summary>The bytes appended and not yet written to the operating system.</summary>
    public int BufferedBytes => _filled + (_writing is null ? 0 : _writingLength);

    /// <summary>True when appending a record of <paramref name="length"/> bytes first writes (or hands off) the buffer.</summary>
    public bool WritesBefore(int length) => length > _filling.Length - _filled;

    /// <summary>
    /// Records given to <see cref="Append"/> and not yet known to be with the operating system (not yet counted written),
    /// a sink's lines about itself left out: what is lost when the file is closed now.
    /// </summary>
    public int PendingRecords => _fillingCounts.Calls + (_writing is null ? 0 : _writingCounts.Calls);

    /// <summary>True while a full buffer is handed over and not yet written (queued, being written, or failed).</summary>
    internal bool HasHandedOff => Volatile.Read(ref _writing) is not null;

    /// <summary>True when the pool is not writing (or about to write) a handed-over buffer.</summary>
    internal bool PoolIdle => Volatile.Read(ref _state) == Idle;

    /// <summary>
    /// Adds one whole record, counted written once it reaches the operating system (as a record when
    /// <paramref name="isCall"/>, else its bytes only: a sink's line about itself). Throws, and keeps nothing of it, when
    /// a failed write still fails or a record too large for the buffer cannot be written.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record, bool isCall)
    {
        if (_failed || _poolFailed)
        {
            // Retry first: a record is refused rather than buffered behind a write that cannot be made.
            Flush();
        }

        var thread = Environment.CurrentManagedThreadId;
        if (thread != _lastThread)
        {
            (_lastThread, _threadsTook) = (thread, true);
        }

        if (record.Length > _filling.Length - _filled)
        {
            if (_threadsTook)
            {
                HandOff();
            }
            else
            {
                Flush();
            }

            _threadsTook = false;

            if (record.Length > _filling.Length)
            {
                // Larger than a buffer: written through, after everything before it.
                WaitForWrite();
                Write(record);
                _counts.AddWritten(isCall ? 1 : 0, record.Length);
                return;
            }
        }

        record.CopyTo(_filling.AsSpan(_filled));
        _filled += record.Length;
        _fillingCounts.Add(isCall, record.Length);
    }

    /// <summary>
    /// From now on each write first reserves its room on the disk and writes nothing without it (the process is exiting:
    /// <see cref="AppendFile.ReserveRoomFirst"/>). Also for a buffer already handed to the pool, which writes through the
    /// same file.
    /// </summary>
    public void ReserveRoomFirst() => _file.ReserveRoomFirst();

    /// <summary>Writes everything appended so far to the operating system before returning; throws, keeping it, on failure.</summary>
    public void Flush()
    {
        WaitForWrite();
        if (_filled == 0)
        {
            return;
        }

        Write(_filling.AsSpan(0, _filled));
        _filled = 0;
        _fillingCounts.CountWrittenAndClear(_counts);
    }

    /// <summary>
    /// Drops what is appended and not written, after a <see cref="Flush"/> failed at the process's exit (nothing comes
    /// after to try it again), and returns the logging calls among it, for the caller to count as not written: dropped,
    /// none of them is written by a later flush that succeeds, so none is counted twice. The file stays open for the
    /// records threads still log. A buffer the pool is still writing is left to it, and it counts what it writes (after a
    /// failed flush none is: the flush waited for it).
    /// </summary>
    public int DropBuffered()
    {
        var dropped = _fillingCounts.Calls;
        (_filled, _fillingCounts, _failed) = (0, default, false);
        if (_writing is not null && PoolIdle)
        {
            // A buffer the pool wrote has counted itself, and counts no call here.
            dropped += _writingCounts.Calls;
            (_spare, _writing, _writingLength, _writingCounts, _handedWritten, _poolFailed) = (_writing, null, 0, default, false, false);
        }

        return dropped;
    }

    /// <summary>The pool thread's part: writes the buffer handed off, unless a writer took the job first.</summary>
    public void Execute()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
        {
            return;
        }

        try
        {
            _file.Append(_writing.AsSpan(0, _writingLength));
            _writingCounts.CountWrittenAndClear(_counts);
            _handedWritten = true;
        }
#pragma warning disable CA1031 // A pool thread has no caller: the failure is reported and the buffer kept for a retry.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The next record, flush or close tries again: reported, not yet lost.
            _poolFailed = true;
            _counts.Errors.ReportKept(ex);
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
            _written.Set();
        }
    }

    /// <summary>
    /// Closes the file. Callers flush first (what is still buffered is dropped here: the caller counts it): a write the
    /// pool has not started is cancelled, one it is making is waited for. A failed write already cut the file back to
    /// the end of its last whole record, so a part written before the failure does not merge with the next line.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Running)
        {
            _written.Wait();
        }

        _file.Dispose();
        _written.Dispose();
    }

    /// <summary>
    /// Goes on in the file at <paramref name="path"/> (created if missing) instead of the open one: a buffer already
    /// handed to the pool is written first (to the open file), what is still buffered goes to the new one. Throws, and
    /// keeps the open file, when the new one cannot be opened or has another writer.
    /// </summary>
    public void SwitchTo(string path)
    {
        WaitForWrite();
        var previous = _file;
        _file = OpenFile(path, FileMode.Append, _counts);
        if (previous.ReservesRoomFirst)
        {
            _file.ReserveRoomFirst();
        }

        previous.Dispose();
    }

    /// <summary>What a second writer of <paramref name="path"/> is told, on stderr and in the sink's error count.</summary>
    public static string AnotherWriterMessage(string path) =>
        $"another writer holds {path} (another process, or another provider in this one), and a file written without Shared has one writer only; " +
        "this sink does not write into it, which would overwrite or interleave the other's records, and tries again every 2 s. " +
        "Set Shared: true on every writer of the file, or give each its own path";

    private static AppendFile OpenFile(string path, FileMode mode, FileCounts counts)
    {
        var file = AppendFile.Open(path);
        try
        {
            // Registered before it is emptied: a second writer must not truncate the records of the first.
            if (!file.TryRegisterWriter(exclusive: true))
            {
                throw new IOException(AnotherWriterMessage(path));
            }

            if (mode == FileMode.Create)
            {
                file.Truncate();
            }
            else if (file.EndLastLine())
            {
                // Registered first, so no other writer of ours is inside a write: the text is an earlier one's leftover.
                counts.Errors.Report($"LoguStyle: {path} did not end with a newline (a record cut short when the process writing it ended, or text another program wrote); a newline was added before this sink's first record.");
            }

            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // Starts writing the full buffer on the pool, after the previous write is done, and fills the spare meanwhile.
    private void HandOff()
    {
        WaitForWrite();
        if (_filled == 0)
        {
            return;
        }

        (_writing, _writingLength, _writingCounts, _fillingCounts) = (_filling, _filled, _fillingCounts, default);
        (_filling, _filled, _spare) = (_spare ?? new byte[LogFileStreams.BufferSize], 0, null);
        _written.Reset();
        Volatile.Write(ref _state, Queued);
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Returns when no buffer is being written; a failed one is retried here, and throws (still kept) if it fails again.
    private void WaitForWrite()
    {
        if (_writing is null)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Queued)
        {
            // The pool has not started it: write it here (the pool's turn will find nothing to do).
            try
            {
                Write(_writing.AsSpan(0, _writingLength));
                _writingCounts.CountWrittenAndClear(_counts);
                _handedWritten = true;
            }
            finally
            {
                Volatile.Write(ref _state, Idle);
                _written.Set();
            }
        }
        else
        {
            // Being written by the pool (or written, or failed): its signal is the pool thread's last act.
            _written.Wait();
        }

        if (!_handedWritten)
        {
            // The last try failed (the pool's or this thread's): try again now, on this thread.
            Write(_writing.AsSpan(0, _writingLength));
            _writingCounts.CountWrittenAndClear(_counts);
        }

        (_spare, _writing, _writingLength, _handedWritten, _poolFailed) = (_writing, null, 0, false, false);
    }

    // The one place bytes go to the file (but the pool's). On failure no part of them stays (see the remarks).
    private void Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _file.Append(bytes);
        }
        catch
        {
            _failed = true;
            throw;
        }

        _failed = false;
    }
}
