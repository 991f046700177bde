using LoguStyle.Sinks;

namespace LoguStyle;

/// <summary>
/// A sink that writes formatted records to a file that rotates, expires and compresses itself (Loguru's
/// <c>logger.add("app.log", rotation=..., retention=..., compression=...)</c>). UTF-8 without a byte-order mark; other
/// processes can read and <c>tail -F</c> the file while it is written.
/// </summary>
public sealed class FileSinkOptions : SinkOptions
{
    /// <summary>Creates file sink options.</summary>
    /// <param name="path">
    /// The active file's path, relative to the current directory or absolute. Folders are created. The file name may
    /// hold <c>{time}</c> or <c>{time:format}</c> tokens, resolved when each file is started.
    /// </param>
    /// <param name="name">The sink's name; default the path.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    public FileSinkOptions(string path, string? name = null)
        : base(name ?? Checked(path))
    {
        Path = Checked(path);
    }

    /// <summary>The active file's path as configured (Loguru's <c>sink</c>).</summary>
    public string Path { get; }

    /// <summary>When to start a new file. Default null: never.</summary>
    public Rotation? Rotation { get; set; }

    /// <summary>Which closed files to keep. Default null: all.</summary>
    public Retention? Retention { get; set; }

    /// <summary>How to compress closed files. Default null: leave them as they are.</summary>
    public Compression? Compression { get; set; }

    /// <summary>Create the file at the first record rather than when the sink starts (Loguru's <c>delay</c>). Default false.</summary>
    public bool Delay { get; set; }

    /// <summary>
    /// Go on in the file at the path when the file there is no longer the one being written: deleted, renamed away and
    /// recreated (logrotate's <c>create</c>), replaced (Loguru's <c>watch</c>; device and inode compared, where the
    /// platform has them). Checked before buffered records reach the operating system. Default false: keep writing to
    /// the moved file, as Loguru does.
    /// </summary>
    public bool Watch { get; set; }

    /// <summary>Append to or truncate an existing active file when the sink first opens it. Default <see cref="FileOpenMode.Append"/>.</summary>
    public FileOpenMode Mode { get; set; } = FileOpenMode.Append;

    /// <summary>At shutdown, close, rotate and compress the active file, so the next run starts a fresh one. Default false.</summary>
    public bool RotateOnShutdown { get; set; }

    /// <summary>
    /// Flush to the operating system after every record. Default false: records are buffered and flushed within
    /// 200 ms of being written, at rotation, on <c>FlushAsync</c> and at shutdown.
    /// </summary>
    public bool AutoFlush { get; set; }

    /// <summary>
    /// Several processes append to this one file (several instances of a worker, a parent and its children). Each
    /// process collects records into batches of whole records and appends a batch in one write while holding a lock
    /// shared by all of them (a hidden <c>.&lt;file&gt;.lock</c> beside the file); rotation, retention and compression
    /// are done by exactly one process, and the others reopen the new file before their next write. Size and time
    /// conditions are judged on the shared file. Records reach the file within 200 ms (or at once
    /// with <see cref="AutoFlush"/>). Cannot be combined with <see cref="FileOpenMode.Truncate"/>, and cannot change
    /// on a configuration reload. Default false: this process is the file's only writer.
    /// </summary>
    public bool Shared { get; set; }

    /// <summary>
    /// How long a written record may wait in the buffer before it is flushed to the operating system: 200 ms. Internal:
    /// neither a configuration key nor a builder argument (<see cref="AutoFlush"/> is the switch users have).
    /// </summary>
    internal TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    internal override string Kind => "File";

    /// <summary>
    /// The path, checked before the base class checks the name it defaults to: an empty path would otherwise fail as
    /// the sink's name, with a message naming neither the path nor the File sink.
    /// </summary>
    private static string Checked(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.IsNullOrWhiteSpace(path)
            ? throw new ArgumentException("A File sink's path is empty or white space; give the active file's path, e.g. \"logs/app.log\".", nameof(path))
            : path;
    }
}
