using System.Buffers.Binary;
using System.Diagnostics;

namespace LoguStyle.Files.Shared;

/// <summary>
/// <c>flock(LOCK_EX)</c> on the lock file: blocking, released by the kernel when the holder closes it or dies, so a
/// process killed with SIGKILL while holding it leaves nothing stale. The generation is 8 bytes at the file's start.
/// </summary>
internal sealed class UnixSharedFileLock : SharedFileLock
{
    private readonly FileDescriptor _fd;

    public UnixSharedFileLock(string lockPath, TimeSpan timeout)
        : base(timeout)
    {
        LogFileStreams.CreateIfMissing(lockPath);

        // Opened here, not by .NET: a FileStream takes its own flock on open, which would fail while another process
        // holds this lock (and would hold a shared lock that blocks everyone's exclusive one).
        _fd = UnixNative.OpenReadWrite(lockPath);
    }

    public override long Generation
    {
        get
        {
            Span<byte> bytes = stackalloc byte[8];
            return UnixNative.ReadAt(_fd, bytes, 0) == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;
        }

        set
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            UnixNative.WriteAt(_fd, bytes, 0);
        }
    }

    public override bool TryEnter() => UnixNative.Lock(_fd, UnixNative.LockExclusive | UnixNative.LockNonBlocking);

    // flock has no timeout: poll, spinning and yielding first (the holder usually needs microseconds for one append),
    // then sleeping a millisecond at a time.
    protected override bool Wait(TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (!TryEnter())
        {
            if (Stopwatch.GetElapsedTime(start) >= timeout)
            {
                return false;
            }

            if (spin.Count < 40)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        return true;
    }

    public override void Exit() => UnixNative.Lock(_fd, UnixNative.LockUnlock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd.Dispose();
        }
    }
}
