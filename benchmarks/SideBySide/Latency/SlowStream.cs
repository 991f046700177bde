namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// A write-only stream for ZLogger's stream provider: each line written is a record handed to a <see cref="SlowSink"/>,
/// so ZLogger's background writer is held to the sink's pace.
/// </summary>
internal sealed class SlowStream(SlowSink sink) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => sink.TakeLines(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => sink.TakeLines(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        sink.TakeLines(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        sink.TakeLines(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
