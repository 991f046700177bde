using LoguStyle.Files.Shared;
using Microsoft.Win32.SafeHandles;

namespace LoguStyle.Tool.Reading;

/// <summary>
/// Device and inode (the engine's <see cref="UnixNative.IdentityOf(string)"/>) of a path and of a file held open, so
/// tail -f sees that the path now names another file (the sink renamed the active file away and started a new one).
/// Linux only; elsewhere null, and tail -f notices a new file only by a shorter length.
/// </summary>
internal static class OpenFileIdentity
{
    public static FileIdentity? Of(string path) => UnixNative.IdentityOf(path);

    /// <summary>Through <c>/proc/self/fd</c>, whose link leads to the open file even after it was renamed or deleted.</summary>
    public static FileIdentity? Of(SafeFileHandle handle) =>
        OperatingSystem.IsLinux() ? UnixNative.IdentityOf(FormattableString.Invariant($"/proc/self/fd/{handle.DangerousGetHandle()}")) : null;
}
