namespace LoguStyle.Files.Shared;

/// <summary>
/// The active file of a shared sink, opened for appending: each <see cref="Append"/> puts a run of whole records at
/// the file's end in one write, whichever process wrote last. Callers hold the <see cref="SharedFileLock"/>.
/// </summary>
internal abstract class SharedAppendFile : IDisposable
{
    /// <summary>Opens <paramref name="path"/> (created 0640 if missing) for appending, for this platform.</summary>
    public static SharedAppendFile Open(string path)
    {
        LogFileStreams.CreateIfMissing(path);
        return UnixNative.IsSupported ? new UnixAppendFile(path) : new SeekingAppendFile(path);
    }

    /// <summary>The file's length now, including what other processes appended.</summary>
    public abstract long Length { get; }

    /// <summary>Writes <paramref name="records"/> at the end of the file.</summary>
    public abstract void Append(ReadOnlySpan<byte> records);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
