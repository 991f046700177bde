using System.Reflection;
using System.Runtime.InteropServices;

namespace LoguStyle.Files.Shared;

/// <summary>
/// The few POSIX calls .NET does not expose: an <c>O_APPEND</c> descriptor (<see cref="FileMode.Append"/> is not one on
/// Linux: it seeks once and writes with <c>pwrite</c> at its own offset), a blocking <c>flock</c>, and plain
/// <c>write</c>/<c>pread</c>/<c>pwrite</c> on those descriptors. Only the two-argument form of <c>open</c> is declared:
/// <c>open</c> is variadic, and passing its mode through P/Invoke is wrong on Apple silicon; files are created by .NET
/// first (with their mode) and then opened here.
/// </summary>
internal static partial class UnixNative
{
    private const string LibC = "libc";

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int LockUnlock = 8;
    private const int SeekEnd = 2;

    // The errno values these calls look at, in one place: EINTR (the call is made again), EAGAIN/EWOULDBLOCK on Linux
    // and on macOS (nothing now: a lock another holder has, a socket with nothing to read), EACCES.
    private const int Interrupted = 4;
    private const int TryAgainLinux = 11;
    private const int TryAgainMacOS = 35;
    private const int AccessDenied = 13;

    // fallocate's mode that reserves without changing the file's length, and the errno values that say the disk has no
    // room (ENOSPC, EDQUOT); any other failure says only that this file cannot be reserved (EOPNOTSUPP: NFS before 4.2,
    // ENODEV: /dev/null, ESPIPE: a FIFO, ENOSYS).
    private const int KeepSize = 1;
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;

    static UnixNative() => NativeLibrary.SetDllImportResolver(typeof(UnixNative).Assembly, Resolve);

    /// <summary>
    /// True where these calls and flag values are known: Linux and macOS, 64-bit processes (32-bit glibc takes 32-bit
    /// offsets in <c>lseek</c>/<c>pread</c>/<c>pwrite</c>).
    /// </summary>
    public static bool IsSupported => (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && Environment.Is64BitProcess;

    private static int ReadWrite => 2;

    private static int Append => OperatingSystem.IsMacOS() ? 0x8 : 0x400;

    private static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    /// <summary>
    /// Opens an existing file for appending: every write lands at the end, whoever else writes. Readable too, to check
    /// its last byte (<see cref="ReadAt"/>) and cut a torn record (<see cref="Truncate"/>).
    /// </summary>
    public static FileDescriptor OpenForAppend(string path) => OpenExisting(path, ReadWrite | Append | CloseOnExec);

    /// <summary>Opens an existing file for reading and writing.</summary>
    public static FileDescriptor OpenReadWrite(string path) => OpenExisting(path, ReadWrite | CloseOnExec);

    /// <summary>Writes all of <paramref name="data"/>, retrying short and interrupted writes.</summary>
    /// <exception cref="IOException">The write failed; its <c>Data["written"]</c> holds the bytes written before.</exception>
    public static unsafe void WriteAll(FileDescriptor fd, ReadOnlySpan<byte> data)
    {
        var written = 0;
        fixed (byte* start = data)
        {
            while (written < data.Length)
            {
                var n = Write(fd, start + written, data.Length - written);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted)
                    {
                        continue;
                    }

                    var error = Error(errno, "write");
                    error.Data["written"] = written;
                    throw error;
                }

                written += (int)n;
            }
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns how many.</summary>
    public static unsafe int ReadAt(FileDescriptor fd, Span<byte> buffer, long offset)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var n = PRead(fd, start, buffer.Length, offset);
                if (n >= 0)
                {
                    return (int)n;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Interrupted)
                {
                    throw Error(errno, "pread");
                }
            }
        }
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> (a descriptor without O_APPEND).</summary>
    public static unsafe void WriteAt(FileDescriptor fd, ReadOnlySpan<byte> data, long offset)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = PWrite(fd, start + done, data.Length - done, offset + done);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted)
                    {
                        continue;
                    }

                    throw Error(errno, "pwrite");
                }

                done += (int)n;
            }
        }
    }

    /// <summary>The file's current length (its end, where the next append lands).</summary>
    public static long Length(FileDescriptor fd)
    {
        var end = Seek(fd, 0, SeekEnd);
        return end >= 0 ? end : throw Error(Marshal.GetLastPInvokeError(), "lseek");
    }

    /// <summary>Cuts the file to <paramref name="length"/> bytes.</summary>
    public static void Truncate(FileDescriptor fd, long length)
    {
        while (FTruncate(fd, length) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                throw Error(errno, "ftruncate");
            }
        }
    }

    /// <summary>
    /// Reserves the disk space for <paramref name="length"/> bytes at the file's end (where an <c>O_APPEND</c> write of
    /// them lands) without changing the file's length (<c>fallocate</c> with <c>FALLOC_FL_KEEP_SIZE</c>), so that a write of them there cannot run out of
    /// room part way. Throws when the disk has no room for all of them (<c>ENOSPC</c>, <c>EDQUOT</c>), the file's length
    /// unchanged. Where the file cannot be reserved (macOS, a file system without it such as NFS before 4.2, a device or a
    /// FIFO: any other failure) it returns, and the write goes ahead unreserved.
    /// </summary>
    public static void ReserveAtEnd(FileDescriptor fd, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return;
        }

        // Only where it can reserve: the end is a system call of its own.
        var end = Length(fd);
        while (FAllocate(fd, KeepSize, end, length) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is NoSpace or QuotaExceeded)
            {
                throw Error(errno, "fallocate");
            }

            if (errno != Interrupted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes or releases an advisory whole-file lock. The kernel releases it when the descriptor is closed, including
    /// when the process dies (SIGKILL): a lock is never left behind.
    /// </summary>
    /// <returns>False only for <see cref="LockNonBlocking"/> when another holder has it.</returns>
    public static bool Lock(FileDescriptor fd, int operation)
    {
        while (Flock(fd, operation) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted)
            {
                continue;
            }

            if ((operation & LockNonBlocking) != 0 && errno is TryAgainLinux or TryAgainMacOS)
            {
                return false;
            }

            throw Error(errno, "flock");
        }

        return true;
    }

    /// <summary>
    /// Renames <paramref name="source"/> to <paramref name="destination"/> in one step. Not <see cref="File.Move(string, string)"/>:
    /// on Unix it links the new name first and then unlinks the old one, and where the second step is refused (a folder
    /// that takes new names but lets none go, <c>chattr +a</c>) it throws and leaves both names on one file.
    /// </summary>
    public static void Rename(string source, string destination)
    {
        while (RenameFile(source, destination) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted)
            {
                continue;
            }

            var message = $"rename {source} to {destination}: {Marshal.GetPInvokeErrorMessage(errno)}";
            throw errno is 1 or 13 ? new UnauthorizedAccessException(message) : new IOException(message, errno);
        }
    }

    internal static int CloseDescriptor(nint fd) => Close((int)fd);

    private static FileDescriptor OpenExisting(string path, int flags)
    {
        while (true)
        {
            var fd = Open(path, flags);
            if (fd >= 0)
            {
                return new FileDescriptor(fd);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                throw errno == 2
                    ? new FileNotFoundException($"Could not find file '{path}'.", path)
                    : Error(errno, "open " + path);
            }
        }
    }

    private static IOException Error(int errno, string call) =>
        new($"{call}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibC)
        {
            return 0;
        }

        // glibc's "libc.so" may be a linker script; musl and macOS name theirs differently.
        string[] candidates = OperatingSystem.IsMacOS() ? ["libSystem.dylib", "libc.dylib"] : ["libc.so.6", "libc.so", "libc"];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(FileDescriptor fd, byte* buffer, nint count);

    [LibraryImport(LibC, EntryPoint = "pread", SetLastError = true)]
    private static unsafe partial nint PRead(FileDescriptor fd, byte* buffer, nint count, long offset);

    [LibraryImport(LibC, EntryPoint = "pwrite", SetLastError = true)]
    private static unsafe partial nint PWrite(FileDescriptor fd, byte* buffer, nint count, long offset);

    [LibraryImport(LibC, EntryPoint = "lseek", SetLastError = true)]
    private static partial long Seek(FileDescriptor fd, long offset, int whence);

    [LibraryImport(LibC, EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(FileDescriptor fd, long length);

    [LibraryImport(LibC, EntryPoint = "fallocate", SetLastError = true)]
    private static partial int FAllocate(FileDescriptor fd, int mode, long offset, long length);

    [LibraryImport(LibC, EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(FileDescriptor fd, int operation);

    [LibraryImport(LibC, EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameFile(string source, string destination);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
