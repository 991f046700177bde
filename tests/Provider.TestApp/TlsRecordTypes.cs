namespace LoguStyle.TestApp;

/// <summary>
/// A receiver's stream under its <c>SslStream</c> that follows the TLS record layer of what it reads (RFC 5246 6.2.1:
/// a 5-byte header, type, version and length, then the payload) and keeps the type of the last record that began.
/// Under TLS 1.2 an alert travels as a record of type 21, so a session whose last record is an alert ended with
/// close_notify (the client sends no other alert at its close), where a read of 0 from the <c>SslStream</c> does not
/// tell: it also returns 0 for a bare end of the connection between two records. (Under TLS 1.3 every record looks
/// like application data.)
/// </summary>
internal sealed class TlsRecordTypes(Stream inner) : Stream
{
    /// <summary>The alert record type (RFC 5246 6.2.1).</summary>
    public const byte Alert = 21;

    private readonly byte[] _header = new byte[5];
    private int _headerRead;
    private int _payloadLeft;

    /// <summary>The type of the last record whose header was read; 0 before any.</summary>
    public byte LastType { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Follow(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skipped = Math.Min(_payloadLeft, bytes.Length);
                _payloadLeft -= skipped;
                bytes = bytes[skipped..];
                continue;
            }

            var taken = Math.Min(_header.Length - _headerRead, bytes.Length);
            bytes[..taken].CopyTo(_header.AsSpan(_headerRead));
            _headerRead += taken;
            bytes = bytes[taken..];
            if (_headerRead == _header.Length)
            {
                LastType = _header[0];
                _payloadLeft = (_header[3] << 8) | _header[4];
                _headerRead = 0;
            }
        }
    }
}
