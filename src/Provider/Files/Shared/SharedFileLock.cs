using System.Diagnostics;
using System.Globalization;

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

    /// <summary>How long a writer waits for the lock by default before it gives up on a batch (see <see cref="Enter"/>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly TimeSpan _timeout;
    private long _failFastUntil;

    protected SharedFileLock(TimeSpan timeout) => _timeout = timeout;

    /// <summary>True where shared files are supported: Linux and macOS (64-bit), Windows.</summary>
    public static bool IsSupported => UnixNative.IsSupported || OperatingSystem.IsWindows();

    /// <summary>Opens (creating it if needed) the lock at <paramref name="lockPath"/> for this platform.</summary>
    /// <exception cref="PlatformNotSupportedException">Neither POSIX locks nor Windows mutexes are known here.</exception>
    public static SharedFileLock Open(string lockPath, TimeSpan? timeout = null)
    {
        if (UnixNative.IsSupported)
        {
            return new UnixSharedFileLock(lockPath, timeout ?? DefaultTimeout);
        }

        if (OperatingSystem.IsWindows())
        {
            return new MutexSharedFileLock(lockPath, timeout ?? DefaultTimeout);
        }

        throw new PlatformNotSupportedException("Shared log files are supported on Linux, macOS and Windows.");
    }

    /// <summary>
    /// Waits until this process holds the lock. Not reentrant; callers serialise their own threads first. A holder that
    /// dies releases the lock, but one that is stopped (SIGSTOP, a frozen container, a debugger) does not: after the
    /// timeout the wait fails with an <see cref="IOException"/>, and for one more timeout each later call tries once
    /// and fails at once, so a stopped process slows the others down by one timeout, not by one per record.
    /// </summary>
    /// <exception cref="IOException">Another process held the lock for longer than the timeout.</exception>
    public void Enter()
    {
        if (TryEnter())
        {
            Volatile.Write(ref _failFastUntil, 0);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        var limit = Stopwatch.GetTimestamp() < Volatile.Read(ref _failFastUntil) ? TimeSpan.Zero : _timeout;
        if (!Wait(limit))
        {
            Volatile.Write(ref _failFastUntil, Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency));
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"another process has held the lock of this shared file for more than {Stopwatch.GetElapsedTime(start).TotalSeconds:0.#} s (is one stopped?)"));
        }

        Volatile.Write(ref _failFastUntil, 0);
    }

    /// <summary>Takes the lock if nobody holds it; never waits.</summary>
    public abstract bool TryEnter();

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; false if it was not taken.</summary>
    protected abstract bool Wait(TimeSpan timeout);

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
