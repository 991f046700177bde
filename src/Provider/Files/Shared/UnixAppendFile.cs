namespace LoguStyle.Files.Shared;

/// <summary>
/// An <c>O_APPEND</c> descriptor: the kernel moves to the end and writes in one step, so a run of records never
/// overwrites another writer's, even one that does not take the lock.
/// </summary>
internal sealed class UnixAppendFile(string path) : AppendFile
{
    private readonly FileDescriptor _fd = UnixNative.OpenForAppend(path);

    public override long Length => UnixNative.Length(_fd);

    public override FileIdentity? Identity => UnixNative.IdentityOf(_fd);

    public override bool TryRegisterWriter(bool exclusive) => UnixNative.TryLockWriters(_fd, exclusive);

    public override void Append(ReadOnlySpan<byte> records)
    {
        if (ReservesRoomFirst)
        {
            // At the exit: throws (the disk is full) before any byte is written, or the write below cannot fail part way.
            UnixNative.ReserveAtEnd(_fd, records.Length);
        }

        try
        {
            UnixNative.WriteAll(_fd, records);
        }
        catch (IOException ex) when (ex.Data["written"] is int written && written > 0)
        {
            AppendSteps.PartWritten(path);

            // A partial record (the disk filled mid-write) would glue the next writer's first record to it. The part
            // written is at the end (nobody else writes meanwhile: the caller holds the shared lock, or is the file's
            // only writer), so the end is found after the failure, not by a system call before every write.
            try
            {
                UnixNative.Truncate(_fd, Length - written);
            }
            catch (IOException)
            {
                // Left for the next holder of the lock, which cuts a torn tail before it writes.
            }

            throw;
        }
    }

    protected override int ReadAt(Span<byte> buffer, long offset) => UnixNative.ReadAt(_fd, buffer, offset);

    protected override void SetLength(long length) => UnixNative.Truncate(_fd, length);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fd.Dispose();
        }
    }
}
