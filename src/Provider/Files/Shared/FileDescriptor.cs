using Microsoft.Win32.SafeHandles;

namespace LoguStyle.Files.Shared;

/// <summary>A POSIX file descriptor opened by <see cref="UnixNative"/>, closed exactly once.</summary>
internal sealed class FileDescriptor : SafeHandleMinusOneIsInvalid
{
    public FileDescriptor()
        : base(ownsHandle: true)
    {
    }

    public FileDescriptor(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    protected override bool ReleaseHandle() => UnixNative.CloseDescriptor(handle) == 0;
}
