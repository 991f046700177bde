namespace LoguStyle.Files.Shared;

/// <summary>
/// An <c>O_APPEND</c> descriptor: the kernel moves to the end and writes in one step, so a run of records is never
/// interleaved with another process's writes, even by a writer that ignores the lock.
/// </summary>
internal sealed class UnixAppendFile(string path) : SharedAppendFile
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FileDescriptor _fd = UnixNative.OpenForAppend(path);

    public override long Length => UnixNative.Length(_fd);

    public override void Append(ReadOnlySpan<byte> records)
    {
        try
        {
            UnixNative.WriteAll(_fd, records);
        }
        catch (IOException ex) when (ex.Data["written"] is int written && written > 0)
        {
            // A partial record (the disk filled mid-write) would glue the next process's first record to it: end
            // the line, if there is room for one byte.
            try
            {
                UnixNative.WriteAll(_fd, NewLine);
            }
            catch (IOException)
            {
                // Nothing more can be done; the failure below is reported and counted.
            }

            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd.Dispose();
        }
    }
}
