namespace LoguStyle.Files;

/// <summary>
/// One entry of the <see cref="LogFileRegistry"/>: the open file, the provider that writes it (its sink generations
/// share it through leases), and, once its last lease is released, the task that completes when it has closed. Read
/// and changed under the registry's lock, but <see cref="Closed"/>, which waiters await outside it.
/// </summary>
internal sealed class RegisteredFile(FilePlace place, RotatingFile file, object owner, string sinkName)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the file is, for finding it again under another spelling of its path.</summary>
    public FilePlace Place => place;

    public string Key => place.Key;

    public RotatingFile File => file;

    /// <summary>The provider whose sinks write the file.</summary>
    public object Owner => owner;

    /// <summary>The name of the sink that opened it, and the path it was given, for a conflict's message.</summary>
    public string SinkName => sinkName;

    public string FullPath => place.FullPath;

    public int Leases { get; set; } = 1;

    /// <summary>True once the last lease was released: the file is flushing and closing, and is not handed out again.</summary>
    public bool Closing { get; set; }

    /// <summary>
    /// True once <see cref="Owner"/>'s dispose began: the file will close when its sinks are disposed, and another
    /// provider asking for it waits for that instead of being refused (its own generations still share it).
    /// </summary>
    public bool OwnerDisposing { get; set; }

    /// <summary>Completes when the file has flushed and closed (and its archive worker stopped).</summary>
    public Task Closed => _closed.Task;

    public void MarkClosed() => _closed.TrySetResult();
}
