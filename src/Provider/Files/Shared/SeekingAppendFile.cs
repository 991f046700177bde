namespace LoguStyle.Files.Shared;

/// <summary>
/// Where no <c>O_APPEND</c> descriptor is available (Windows): seek to the end and write, which is safe because every
/// writer holds the <see cref="SharedFileLock"/> while it appends. Not exercised by the Linux test suite.
/// </summary>
internal sealed class SeekingAppendFile(string path) : SharedAppendFile
{
    private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    public override long Length => _stream.Length;

    public override void Append(ReadOnlySpan<byte> records)
    {
        _stream.Seek(0, SeekOrigin.End);
        _stream.Write(records);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }
    }
}
