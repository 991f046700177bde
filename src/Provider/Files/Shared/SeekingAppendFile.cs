namespace LoguStyle.Files.Shared;

/// <summary>
/// Where no <c>O_APPEND</c> descriptor is available (Windows): seek to the end and write, which is safe because every
/// writer holds the <see cref="SharedFileLock"/> while it appends. Not exercised by the Linux test suite.
/// </summary>
internal sealed class SeekingAppendFile(string path) : AppendFile
{
    private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    public override long Length => _stream.Length;

    public override void Append(ReadOnlySpan<byte> records)
    {
        var before = _stream.Seek(0, SeekOrigin.End);
        try
        {
            _stream.Write(records);
        }
        catch (IOException)
        {
            try
            {
                _stream.SetLength(before);
            }
            catch (IOException)
            {
                // Left for the next holder of the lock, which cuts a torn tail before it writes.
            }

            throw;
        }
    }

    protected override int ReadAt(Span<byte> buffer, long offset) => RandomAccess.Read(_stream.SafeFileHandle, buffer, offset);

    protected override void SetLength(long length) => _stream.SetLength(length);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }
    }
}
