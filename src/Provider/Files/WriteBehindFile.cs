using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// The active file of a sink that is not shared, written behind its writers: records are copied into one 64 KiB
/// buffer while the previous, full one is written to the operating system by a pool thread. A logging thread then
/// pays for a copy, not for the <c>write</c> call, and holds the file's lock only for the copy, so other threads are
/// not held up behind a system call either. Only when more than one thread appended since the last full buffer: a
/// thread writing alone (a queue's writer, a single-threaded app) writes its full buffers itself, because handing
/// 64 KiB to another core costs it more (the bytes leave its cache, and it refills lines the other core read) than
/// the <c>write</c> call does. Called under the <see cref="RotatingFile"/>'s lock, except the pool thread's
/// <see cref="Execute"/>.
/// </summary>
/// <remarks>
/// Whole records only, and nothing lost or written twice on a failure: a write that fails (the disk is full) keeps its
/// buffer, and the stream's position stays where it was, so the next try writes the same bytes at the same offset.
/// While a write has failed, each record first retries it and is refused (thrown, counted by the sink) if it fails
/// again, as a synchronous buffered file does. At most one buffer is being written: a writer that fills the next
/// one before the pool wrote the last waits for it, so memory stays bounded when the disk is slower than the logging.
/// A writer that finds the pool has not started the write yet does it itself, so a starved pool cannot stall logging.
/// </remarks>
internal sealed class WriteBehindFile : IThreadPoolWorkItem, IDisposable
{
    private const int Idle = 0;
    private const int Queued = 1;
    private const int Running = 2;

    private readonly FileStream _stream;
    private readonly SinkErrorReporter _errors;
    private readonly ManualResetEventSlim _written = new(initialState: true);
    private byte[] _filling = new byte[LogFileStreams.BufferSize];
    private int _filled;
    private int _fillingRecords;
    private byte[]? _spare;

    // The buffer handed to the pool (or whose write failed), and its state; set and cleared under the file's lock.
    private byte[]? _writing;
    private int _writingLength;
    private int _writingRecords;
    private int _state;
    private bool _failed;

    // Whether another thread appended since the last full buffer: only then is the write handed to the pool.
    private int _lastThread;
    private bool _threadsTook;

    public WriteBehindFile(string path, FileMode mode, SinkErrorReporter errors)
    {
        // Unbuffered: this class is the buffer.
        var options = LogFileStreams.CreateOptions(mode);
        options.BufferSize = 0;
        _stream = new FileStream(path, options);
        _errors = errors;
    }

    /// <summary>The file's length when it was opened.</summary>
    public long OpenedLength => _stream.Length;

    /// <summary>Records given to <see cref="Append"/> and not yet handed to the operating system.</summary>
    public int PendingRecords => _fillingRecords + (_writing is null ? 0 : _writingRecords);

    /// <summary>True while a full buffer is handed over and not yet written (queued, being written, or failed).</summary>
    internal bool HasHandedOff => Volatile.Read(ref _writing) is not null;

    /// <summary>True when the pool is not writing (or about to write) a handed-over buffer.</summary>
    internal bool PoolIdle => Volatile.Read(ref _state) == Idle;

    /// <summary>
    /// Adds one whole record. Throws, and keeps nothing of it, when a failed write still fails or a record too large
    /// for the buffer cannot be written.
    /// </summary>
    public void Append(ReadOnlySpan<byte> record)
    {
        if (_failed)
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
                _threadsTook = false;
            }
            else
            {
                Flush();
            }

            if (record.Length > _filling.Length)
            {
                // Larger than a buffer: written through, after everything before it.
                WaitForWrite();
                _stream.Write(record);
                return;
            }
        }

        record.CopyTo(_filling.AsSpan(_filled));
        _filled += record.Length;
        _fillingRecords++;
    }

    /// <summary>Writes everything appended so far to the operating system before returning; throws, keeping it, on failure.</summary>
    public void Flush()
    {
        WaitForWrite();
        if (_filled == 0)
        {
            return;
        }

        Write(_filling, _filled);
        (_filled, _fillingRecords) = (0, 0);
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
            WriteHandedOff();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The buffer stays for the next try (the next record, flush or close): reported, not yet lost.
            _errors.RecordFailed(ex, records: 0);
        }
#pragma warning disable CA1031 // A pool thread has no caller: anything else is reported too, and the buffer kept.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _errors.RecordFailed(ex, records: 0);
        }
        finally
        {
            Volatile.Write(ref _state, Idle);
            _written.Set();
        }
    }

    public void Dispose()
    {
        // A write the pool has not started is cancelled (its turn will find nothing to do); one it is making, waited for.
        if (Interlocked.CompareExchange(ref _state, Running, Queued) == Running)
        {
            _written.Wait();
        }

        _stream.Dispose();
        _written.Dispose();
    }

    // Starts writing the full buffer on the pool, after the previous write is done, and fills the spare meanwhile.
    private void HandOff()
    {
        WaitForWrite();
        if (_filled == 0)
        {
            return;
        }

        (_writing, _writingLength, _writingRecords) = (_filling, _filled, _fillingRecords);
        (_filling, _filled, _fillingRecords, _spare) = (_spare ?? new byte[LogFileStreams.BufferSize], 0, 0, null);
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
                WriteHandedOff();
            }
            finally
            {
                Volatile.Write(ref _state, Idle);
                _written.Set();
            }

            return;
        }

        _written.Wait();
        if (_writing is not null)
        {
            // The pool's write failed: try again now, on this thread.
            WriteHandedOff();
        }
    }

    private void WriteHandedOff()
    {
        Write(_writing!, _writingLength);
        (_spare, _writing, _writingLength, _writingRecords) = (_writing, null, 0, 0);
    }

    // The one place bytes go to the stream. On failure the stream's position does not move (see the remarks).
    private void Write(byte[] buffer, int length)
    {
        try
        {
            _stream.Write(buffer, 0, length);
        }
        catch
        {
            _failed = true;
            throw;
        }

        _failed = false;
    }
}
