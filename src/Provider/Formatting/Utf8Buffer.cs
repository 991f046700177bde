using System.Buffers;

namespace LoguStyle.Formatting;

/// <summary>
/// The growable byte buffer a record is rendered into. The template renderer writes to this sealed class, not through
/// <see cref="IBufferWriter{T}"/>, so the twenty or so small writes of a line are direct calls the JIT can inline; it
/// is still an <see cref="IBufferWriter{T}"/> for the JSON writer.
/// </summary>
internal sealed class Utf8Buffer : IBufferWriter<byte>
{
    private byte[] _bytes;
    private int _written;

    public Utf8Buffer(int capacity) => _bytes = new byte[Math.Max(16, capacity)];

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _written);

    public int WrittenCount => _written;

    public int Capacity => _bytes.Length;

    public void Clear() => _written = 0;

    // Hot path: a bounds check and a copy.
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _bytes.Length - _written)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_bytes.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="sizeHint"/> bytes (at least one) after what is written.</summary>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (sizeHint > _bytes.Length - _written || _written == _bytes.Length)
        {
            Grow(sizeHint);
        }

        return _bytes.AsSpan(_written);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _bytes.AsMemory(_written);
    }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_bytes.Length - _written))
        {
            ThrowAdvancedTooFar(count);
        }

        _written += count;
    }

    private void Grow(int sizeHint)
    {
        var needed = (long)_written + Math.Max(1, sizeHint);
        var size = Math.Max(needed, Math.Min((long)_bytes.Length * 2, Array.MaxLength));
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"A record of more than {Array.MaxLength} bytes cannot be rendered.");
        }

        Array.Resize(ref _bytes, (int)size);
    }

    private void ThrowAdvancedTooFar(int count) =>
        throw new InvalidOperationException($"Advanced {count} bytes with {_bytes.Length - _written} bytes of room.");
}
