using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace LoguStyle;

/// <summary>
/// Reads a <c>.gz</c> or <c>.br</c> archive and throws <see cref="InvalidDataException"/> at its end when the archive
/// was cut short, where .NET's own streams just end (a truncated gzip or Brotli file reads as a shorter file,
/// silently). Gzip: the bytes read are compared with the size its trailer records. Brotli: the decoder must
/// have reached the end of the compressed stream when the file ends.
/// </summary>
internal sealed class CheckedDecompression : ReadOnlyStream
{
    private readonly Stream _file;
    private readonly GZipStream? _gzip;
    private readonly uint _gzipSize;
    private readonly bool _gzipTooShort;
    private readonly byte[]? _input;
    private BrotliDecoder _brotli;
    private int _inputStart;
    private int _inputEnd;
    private bool _brotliDone;
    private long _read;

    private CheckedDecompression(Stream file, bool gzip)
    {
        _file = file;
        if (gzip)
        {
            // The trailer's last 4 bytes: the uncompressed size modulo 2^32 (RFC 1952). LoguStyle writes one member.
            Span<byte> trailer = stackalloc byte[4];
            _gzipTooShort = file.Length < 18;
            if (!_gzipTooShort)
            {
                file.Seek(-4, SeekOrigin.End);
                file.ReadExactly(trailer);
                file.Seek(0, SeekOrigin.Begin);
                _gzipSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            }

            _gzip = new GZipStream(file, CompressionMode.Decompress);
        }
        else
        {
            _brotli = new BrotliDecoder();
            _input = ArrayPool<byte>.Shared.Rent(64 * 1024);
        }
    }

    public static Stream Gzip(Stream file) => new CheckedDecompression(file, gzip: true);

    public static Stream Brotli(Stream file) => new CheckedDecompression(file, gzip: false);

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = _gzip is not null ? ReadGzip(buffer) : ReadBrotli(buffer);
        _read += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip?.Dispose();
            _file.Dispose();
            _brotli.Dispose();
            if (_input is not null)
            {
                ArrayPool<byte>.Shared.Return(_input);
            }
        }

        base.Dispose(disposing);
    }

    private int ReadGzip(Span<byte> buffer)
    {
        var read = _gzip!.Read(buffer);
        if (read == 0 && (_gzipTooShort || (uint)_read != _gzipSize))
        {
            throw new InvalidDataException($"the gzip file ends early: {_read} byte(s) read, its trailer says {_gzipSize}.");
        }

        return read;
    }

    private int ReadBrotli(Span<byte> buffer)
    {
        while (!_brotliDone)
        {
            var status = _brotli.Decompress(_input.AsSpan(_inputStart, _inputEnd - _inputStart), buffer, out var consumed, out var written);
            _inputStart += consumed;
            switch (status)
            {
                case System.Buffers.OperationStatus.Done:
                    _brotliDone = true;
                    return written;
                case System.Buffers.OperationStatus.InvalidData:
                    throw new InvalidDataException("the Brotli data is damaged.");
            }

            if (written > 0)
            {
                return written;
            }

            if (status == System.Buffers.OperationStatus.NeedMoreData)
            {
                // Keep what is left of the input at the front, then fill the rest from the file.
                _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
                _inputEnd -= _inputStart;
                _inputStart = 0;
                var more = _file.Read(_input!, _inputEnd, _input!.Length - _inputEnd);
                if (more == 0)
                {
                    throw new InvalidDataException($"the Brotli file ends early: {_read} byte(s) read, the compressed stream is not finished.");
                }

                _inputEnd += more;
            }
        }

        return 0;
    }
}
