using System.IO.Compression;

namespace LoguStyle;

/// <summary>
/// The one entry of a LoguStyle <c>.zip</c> archive, read with its checksum checked: .NET's zip reader does not compare
/// the data with the CRC-32 the archive records, so garbage over the deflate data could decode to other bytes, silently.
/// At the end of the entry the bytes read must match the recorded length and CRC-32, or the read fails as damaged.
/// Disposing it disposes the archive.
/// </summary>
internal sealed class CheckedZipEntry : ReadOnlyStream
{
    private static readonly uint[] Table = BuildTable();
    private readonly ZipArchive _archive;
    private readonly ZipArchiveEntry _entry;
    private readonly Stream _data;
    private uint _crc = 0xFFFFFFFFu;
    private long _read;
    private bool _checked;

    public CheckedZipEntry(ZipArchive archive, ZipArchiveEntry entry)
    {
        _archive = archive;
        _entry = entry;
        _data = entry.Open();
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = _data.Read(buffer);
        if (read == 0)
        {
            Check();
            return 0;
        }

        var crc = _crc;
        foreach (var b in buffer[..read])
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
        _read += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _data.Dispose();
            _archive.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        var crc = ~_crc;
        if (_read != _entry.Length || crc != _entry.Crc32)
        {
            throw new InvalidDataException(
                $"the zip entry does not match its checksum: {_read} byte(s) with CRC-32 {crc:x8} read, the archive records {_entry.Length} with {_entry.Crc32:x8}.");
        }
    }

    // The CRC-32 of zip and gzip (polynomial 0xEDB88320, reflected).
    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
