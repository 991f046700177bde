using System.Runtime.InteropServices;
using System.Text;

namespace LoguStyle.Files.Shared;

/// <summary>
/// What a file is (device and inode), who may write it (an open-file-description lock), and a small value kept on it
/// (a <c>user.*</c> extended attribute). Linux only: <c>statx</c> has one layout on every architecture (unlike
/// <c>struct stat</c>) and is a real export of glibc since 2.28 (older glibc exports <c>stat</c> only as
/// <c>__xstat</c>); OFD locks and the xattr calls have other signatures or do not exist on macOS.
/// </summary>
internal static partial class UnixNative
{
    private const int AtCurrentDirectory = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxInode = 0x100;
    private const int FileTypeMask = 0xF000;
    private const int SocketType = 0xC000;
    private const int OfdSetLock = 37;
    private const short WriteLockType = 1;
    private const short ReadLockType = 0;

    private static int _statxMissing;

    /// <summary>True where <see cref="IdentityOf(string)"/>, <see cref="TryLockWriters"/> and the xattr calls work.</summary>
    public static bool HasMetadata => OperatingSystem.IsLinux() && Environment.Is64BitProcess && Volatile.Read(ref _statxMissing) == 0;

    /// <summary>The device and inode of the file at <paramref name="path"/> (symbolic links followed), or null if there is none.</summary>
    public static unsafe FileIdentity? IdentityOf(string path)
    {
        if (!HasMetadata)
        {
            return null;
        }

        var buffer = stackalloc byte[256];
        return TryStatx(AtCurrentDirectory, path, 0, buffer) ? Identity(buffer) : null;
    }

    /// <summary>
    /// Whether the file at <paramref name="path"/> (symbolic links followed) is a socket; null where that cannot be read
    /// (no file there, or not Linux).
    /// </summary>
    public static unsafe bool? IsSocket(string path)
    {
        if (!HasMetadata)
        {
            return null;
        }

        // struct statx: stx_mode, 16 bits, at 28.
        var buffer = stackalloc byte[256];
        return TryStatx(AtCurrentDirectory, path, 0, buffer) ? (*(ushort*)(buffer + 28) & FileTypeMask) == SocketType : null;
    }

    /// <summary>The device and inode of the open file <paramref name="fd"/>, or null where that cannot be read.</summary>
    public static unsafe FileIdentity? IdentityOf(FileDescriptor fd)
    {
        if (!HasMetadata)
        {
            return null;
        }

        var success = false;
        fd.DangerousAddRef(ref success);
        try
        {
            var buffer = stackalloc byte[256];
            return TryStatx((int)fd.DangerousGetHandle(), string.Empty, AtEmptyPath, buffer) ? Identity(buffer) : null;
        }
        finally
        {
            if (success)
            {
                fd.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Takes a lock on the whole of <paramref name="fd"/>'s file that belongs to this open file (not to the process, as
    /// a classic <c>fcntl</c> lock does, which any <c>close</c> of the same file in the process would drop): exclusive
    /// for a file's only writer, shared for the writers of a shared file. Record locks and <c>flock</c> do not meet on
    /// Linux, so readers (.NET takes a shared <c>flock</c> on every open) are never refused. Released when the
    /// descriptor is closed, by the kernel, also for a killed process.
    /// </summary>
    /// <returns>False when a conflicting lock is held through another open of the file (another writer).</returns>
    public static unsafe bool TryLockWriters(FileDescriptor fd, bool exclusive)
    {
        if (!HasMetadata)
        {
            return true;
        }

        var request = new RecordLock { Type = exclusive ? WriteLockType : ReadLockType };
        while (Fcntl(fd, OfdSetLock, &request) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted)
            {
                continue;
            }

            if (errno is TryAgainLinux or AccessDenied)
            {
                return false;
            }

            // A file system without record locks (some network ones): nothing to detect with, nothing to refuse.
            return true;
        }

        return true;
    }

    /// <summary>Sets the extended attribute <paramref name="name"/> of <paramref name="path"/>; false where the file system refuses it.</summary>
    public static unsafe bool TrySetAttribute(string path, string name, string value)
    {
        if (!HasMetadata)
        {
            return false;
        }

        var bytes = Encoding.ASCII.GetBytes(value);
        fixed (byte* start = bytes)
        {
            return SetXattr(path, name, start, bytes.Length, 0) == 0;
        }
    }

    /// <summary>The extended attribute <paramref name="name"/> of <paramref name="path"/>, or null when it is absent or unreadable.</summary>
    public static unsafe string? GetAttribute(string path, string name)
    {
        if (!HasMetadata)
        {
            return null;
        }

        var buffer = stackalloc byte[128];
        var length = GetXattr(path, name, buffer, 128);
        return length > 0 ? Encoding.ASCII.GetString(buffer, (int)length) : null;
    }

    private static unsafe bool TryStatx(int directory, string path, int flags, byte* buffer)
    {
        try
        {
            return Statx(directory, path, flags, StatxType | StatxInode, buffer) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            // glibc before 2.28, or another C library without statx: files are then known by their path only.
            Volatile.Write(ref _statxMissing, 1);
            return false;
        }
    }

    // struct statx: stx_ino at 32, stx_dev_major and stx_dev_minor at 136 and 140 (the same on every architecture).
    private static unsafe FileIdentity Identity(byte* statx) =>
        new(((ulong)*(uint*)(statx + 136) << 32) | *(uint*)(statx + 140), *(ulong*)(statx + 32));

    // struct flock of 64-bit Linux: l_type, l_whence, l_start, l_len, l_pid (0 for OFD locks); a zero length locks to
    // the end of the file and beyond.
    [StructLayout(LayoutKind.Sequential)]
    private struct RecordLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport(LibC, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    // fcntl is variadic; its third argument is a pointer here, passed in the same register as a fixed argument on
    // 64-bit Linux (x64 and arm64).
    [LibraryImport(LibC, EntryPoint = "fcntl", SetLastError = true)]
    private static unsafe partial int Fcntl(FileDescriptor fd, int command, RecordLock* request);

    [LibraryImport(LibC, EntryPoint = "setxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int SetXattr(string path, string name, byte* value, nint size, int flags);

    [LibraryImport(LibC, EntryPoint = "getxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint GetXattr(string path, string name, byte* value, nint size);
}
