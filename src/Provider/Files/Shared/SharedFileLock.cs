namespace LoguStyle.Files.Shared;

/// <summary>
/// The lock that serialises every process writing one shared log file, and the file's rotation generation: a number
/// that each rotation raises, so a process that still holds the previous file notices before its next write and
/// reopens. Lives in a small hidden file beside the log (<c>.app.log.lock</c>) that is never deleted.
/// </summary>
internal abstract class SharedFileLock : IDisposable
{
    /// <summary>The lock file of <paramref name="activePath"/>.</summary>
    public static string PathOf(string activePath, string purpose = "lock") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(activePath)!, "." + System.IO.Path.GetFileName(activePath) + "." + purpose);

    /// <summary>Opens (creating it if needed) the lock at <paramref name="lockPath"/> for this platform.</summary>
    /// <exception cref="PlatformNotSupportedException">Neither POSIX locks nor Windows mutexes are known here.</exception>
    public static SharedFileLock Open(string lockPath)
    {
        if (UnixNative.IsSupported)
        {
            return new UnixSharedFileLock(lockPath);
        }

        if (OperatingSystem.IsWindows())
        {
            return new MutexSharedFileLock(lockPath);
        }

        throw new PlatformNotSupportedException("Shared log files are supported on Linux, macOS and Windows.");
    }

    /// <summary>Blocks until this process holds the lock. Not reentrant; callers serialise their own threads first.</summary>
    public abstract void Enter();

    /// <summary>Releases the lock.</summary>
    public abstract void Exit();

    /// <summary>The rotation generation; read and written only while holding the lock.</summary>
    public abstract long Generation { get; set; }

    /// <summary>Holds the lock until the returned scope is disposed.</summary>
    public Scope Hold()
    {
        Enter();
        return new Scope(this);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>The held lock, released on dispose.</summary>
    public readonly struct Scope(SharedFileLock owner) : IDisposable
    {
        public void Dispose() => owner.Exit();
    }
}
