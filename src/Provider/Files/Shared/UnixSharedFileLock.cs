using System.Buffers.Binary;

namespace LoguStyle.Files.Shared;

/// <summary>
/// <c>flock(LOCK_EX)</c> on the lock file: blocking, released by the kernel when the holder closes it or dies, so a
/// process killed with SIGKILL while holding it leaves nothing stale. The generation is 8 bytes at the file's start.
/// </summary>
internal sealed class UnixSharedFileLock : SharedFileLock
{
    private readonly FileDescriptor _fd;

    public UnixSharedFileLock(string lockPath)
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

    public override void Enter() => UnixNative.Lock(_fd, UnixNative.LockExclusive);

    /// <summary>Takes the lock only if nobody holds it (tests, diagnostics).</summary>
    public bool TryEnter() => UnixNative.Lock(_fd, UnixNative.LockExclusive | UnixNative.LockNonBlocking);

    public override void Exit() => UnixNative.Lock(_fd, UnixNative.LockUnlock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd.Dispose();
        }
    }
}
