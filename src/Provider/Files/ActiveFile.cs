using LoguStyle.Files.Shared;

namespace LoguStyle.Files;

/// <summary>
/// The file a <see cref="RotatingFile"/> writes into, chosen once when the sink is built (as Serilog's rolling sink
/// picks its file sink at open): a private file buffered in this process (<see cref="PrivateActiveFile"/>) or a file
/// shared with other processes, written in batches under their common lock (<see cref="SharedActiveFile"/>). Each
/// owns how records reach its file and when rotation is judged; both ask their <see cref="RotatingFile"/> for the
/// steps they share (open, judge, rotate). Called only under the <see cref="RotatingFile"/>'s lock.
/// </summary>
internal abstract class ActiveFile : IDisposable
{
    private readonly Action _armFlushTimer;
    private bool _dirty;

    protected ActiveFile(RotatingFile owner, TimeProvider time, Action armFlushTimer)
    {
        Owner = owner;
        Time = time;
        _armFlushTimer = armFlushTimer;
    }

    /// <summary>True for a file shared with other processes (which cannot change while the application runs).</summary>
    public abstract bool IsShared { get; }

    /// <summary>True while a file is open.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>What the open file is (device and inode), for Watch to notice another file at its path.</summary>
    public abstract FileIdentity? Identity { get; }

    protected RotatingFile Owner { get; }

    protected TimeProvider Time { get; }

    protected FileSettings Settings => Owner.Settings;

    /// <summary>Opens the file the sink is given at start-up (unless <see cref="FileSinkOptions.Delay"/>).</summary>
    public abstract void OpenAtStart();

    /// <summary>
    /// Writes one record logged at <paramref name="now"/>, or keeps it for the next batch, rotating first where due;
    /// <paramref name="isCall"/> false for a sink's line about itself (counted in bytes, not as a record).
    /// </summary>
    public abstract void Append(ReadOnlySpan<byte> record, bool isCall, DateTimeOffset now);

    /// <summary>Writes what is buffered. <paramref name="closing"/>: dispose has begun and closing the file writes it.</summary>
    public abstract void Flush(bool closing);

    /// <summary>Rotates the active file if it holds records, without opening the next one.</summary>
    public abstract void RotateForShutdown();

    /// <summary>The last records, the rotation at shutdown when configured, then the file closed.</summary>
    public abstract void CloseForDispose();

    /// <summary>The rotation timer fired: rotate an idle file at its boundary, or restart an empty one's period.</summary>
    public abstract void OnBoundaryTimer();

    /// <summary>Opens <paramref name="path"/> (emptied first when <paramref name="truncate"/>); returns its length.</summary>
    public abstract long OpenAt(string path, bool truncate);

    /// <summary>Closes the open file, writing what is buffered first; a buffer that cannot be written is counted as lost.</summary>
    public abstract void Close();

    /// <summary>
    /// The logging calls among the records buffered and not yet written (a flush that failed keeps them for the next):
    /// what a process that ends now loses. 0 where a failed write counts its records at once (a shared file's batch).
    /// </summary>
    public virtual int UnwrittenCalls => 0;

    /// <summary>Before a rotation: true when the path holds another file than the one open (Watch), which is then the active file.</summary>
    public virtual bool ReplacedAtPath(DateTimeOffset now) => false;

    /// <summary>Before a rotation closes the file: tells whoever else writes it (the shared file's generation).</summary>
    public virtual void AnnounceNewFile()
    {
    }

    /// <summary>Before the rename: every record buffered for the file goes into it.</summary>
    public virtual void FlushBeforeRename(DateTimeOffset now)
    {
    }

    /// <summary>A reload changed the rotation: keep the start time where it is now needed.</summary>
    public virtual void OnRotationChanged()
    {
    }

    /// <summary>True when <paramref name="active"/> no longer names the open file.</summary>
    public bool PathChanged(string active) =>
        Identity is { } open ? UnixNative.IdentityOf(active) != open : !File.Exists(active);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Records wait in a buffer: the flush timer is armed, once until the next flush.</summary>
    protected void MarkDirty()
    {
        if (!_dirty)
        {
            _dirty = true;
            _armFlushTimer();
        }
    }

    /// <summary>The buffer was written (or dropped with the file).</summary>
    protected void MarkClean() => _dirty = false;
}
