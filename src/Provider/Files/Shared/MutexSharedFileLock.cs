using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LoguStyle.Files.Shared;

/// <summary>
/// Windows: a named mutex per lock file path (same session), which Windows hands to the next waiter when its holder
/// dies (an abandoned mutex), so a killed process leaves nothing stale. The generation is kept in the lock file.
/// Not exercised by the Linux test suite; see docs/configuration.md for what is guaranteed where.
/// </summary>
internal sealed class MutexSharedFileLock : SharedFileLock
{
    private readonly Mutex _mutex;
    private readonly FileStream _file;

    public MutexSharedFileLock(string lockPath, TimeSpan timeout)
        : base(timeout)
    {
        var full = Path.GetFullPath(lockPath).ToUpperInvariant();
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            _mutex = new Mutex(false, "LoguStyle." + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(full))));
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public override long Generation
    {
        get
        {
            Span<byte> bytes = stackalloc byte[8];
            return RandomAccess.Read(_file.SafeFileHandle, bytes, 0) == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;
        }

        set
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            RandomAccess.Write(_file.SafeFileHandle, bytes, 0);
        }
    }

    public override bool TryEnter() => Wait(TimeSpan.Zero);

    protected override bool Wait(TimeSpan timeout)
    {
        try
        {
            return _mutex.WaitOne(timeout);
        }
        catch (AbandonedMutexException)
        {
            // Its holder died; this process now holds it (a torn last record is cut before the next append).
            return true;
        }
    }

    public override void Exit() => _mutex.ReleaseMutex();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mutex.Dispose();
            _file.Dispose();
        }
    }
}
