namespace LoguStyle.Files.Shared;

/// <summary>
/// An active log file opened for appending (<c>O_APPEND</c> where there is one): each <see cref="Append"/> puts a run
/// of whole records at the file's end in one write, wherever that end is now: after another process's records (a
/// shared file, whose writers hold the <see cref="SharedFileLock"/>), or at 0 after someone emptied the file
/// (logrotate's <c>copytruncate</c>, <c>: &gt; app.log</c>), where a writer with its own offset would leave a hole of
/// NUL bytes.
/// </summary>
internal abstract class AppendFile : IDisposable
{
    // Read by whichever thread writes (a pool thread's write of a handed-over buffer too); set once, never cleared.
    private volatile bool _reserveRoomFirst;

    /// <summary>Opens <paramref name="path"/> (created 0640 if missing) for appending, for this platform.</summary>
    public static AppendFile Open(string path)
    {
        LogFileStreams.CreateIfMissing(path);
        return UnixNative.IsSupported ? new UnixAppendFile(path) : new SeekingAppendFile(path);
    }

    /// <summary>The device and inode of the open file, where the platform tells them; null elsewhere.</summary>
    public virtual FileIdentity? Identity => null;

    /// <summary>
    /// Registers this open file as a writer of its file: the only one (<paramref name="exclusive"/>), or one of the
    /// writers of a shared file. False when that conflicts with a writer that registered through another open of the
    /// file (another process, or another provider in this one). True where the platform cannot tell.
    /// </summary>
    public virtual bool TryRegisterWriter(bool exclusive) => true;

    /// <summary>Empties the file (<see cref="FileOpenMode.Truncate"/>), after <see cref="TryRegisterWriter"/> said it may.</summary>
    public void Truncate() => SetLength(0);

    /// <summary>
    /// From now on each <see cref="Append"/> first reserves the disk space for all of its bytes, and on a disk without
    /// room for them writes none of them (where the platform can reserve: Linux). Set at the process's exit, which may
    /// end the process between a write that filled the disk part way and the cut-back of that part (<see cref="Append"/>),
    /// leaving a record cut short at the file's end; a reserved write is whole or not made. Not before the exit: it costs a
    /// system call a write, and while the process runs on the cut-back follows the failed write.
    /// </summary>
    public void ReserveRoomFirst() => _reserveRoomFirst = true;

    /// <summary>True once <see cref="ReserveRoomFirst"/> was called.</summary>
    public bool ReservesRoomFirst => _reserveRoomFirst;

    /// <summary>The file's length now, including what other processes appended.</summary>
    public abstract long Length { get; }

    /// <summary>
    /// Writes <paramref name="records"/> at the end of the file. If the write fails part way (the disk filled), the
    /// part written is cut off again, so the file still ends with a whole record.
    /// </summary>
    public abstract void Append(ReadOnlySpan<byte> records);

    /// <summary>
    /// Ends the file's last line when it has no newline (a record cut short: its process ended inside the write, which
    /// Linux stops at a page boundary when the process is killed; or a file another program wrote), so that the next
    /// record starts a line of its own instead of running on from that text. True when it added the newline. Nothing is
    /// cut: a private file may hold another program's text. Called when the file is opened, before any record of this
    /// process is written to it.
    /// </summary>
    public bool EndLastLine()
    {
        if (!EndsMidLine(Length))
        {
            return false;
        }

        Append("\n"u8);
        return true;
    }

    /// <summary>
    /// Cuts what follows the file's last newline (part of a record whose writer was killed inside its write) and
    /// returns the number of bytes cut. Called while holding the lock, when no writer is inside a write.
    /// </summary>
    public long CutTornTail()
    {
        var length = Length;
        if (!EndsMidLine(length))
        {
            return 0;
        }

        var chunk = new byte[8192];
        for (var end = length; end > 0;)
        {
            var start = Math.Max(0, end - chunk.Length);
            var read = ReadAt(chunk.AsSpan(0, (int)(end - start)), start);
            var newline = chunk.AsSpan(0, read).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                SetLength(start + newline + 1);
                return length - (start + newline + 1);
            }

            end = start;
        }

        SetLength(0);
        return length;
    }

    // True when the file (of length) has bytes after its last newline: the two repairs above, at an open and under a shared file's lock.
    private bool EndsMidLine(long length)
    {
        Span<byte> last = stackalloc byte[1];
        return length > 0 && !(ReadAt(last, length - 1) == 1 && last[0] == (byte)'\n');
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>.</summary>
    protected abstract int ReadAt(Span<byte> buffer, long offset);

    /// <summary>Cuts or extends the file to <paramref name="length"/> bytes.</summary>
    protected abstract void SetLength(long length);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
