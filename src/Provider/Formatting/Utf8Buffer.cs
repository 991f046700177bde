using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LoguStyle.Formatting;

/// <summary>
/// The growable byte buffer a record is rendered into. A sealed class rather than <see cref="IBufferWriter{T}"/>, so the
/// twenty or so small writes of a line are plain inlined copies instead of interface calls; it is still an
/// <see cref="IBufferWriter{T}"/> for the JSON writer.
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        var written = _written;
        var bytesArray = _bytes;
        if ((uint)bytes.Length <= (uint)(bytesArray.Length - written))
        {
            ref var target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bytesArray), (nint)(uint)written);
            if (bytes.Length <= 32)
            {
                CopySmall(ref MemoryMarshal.GetReference(bytes), ref target, bytes.Length);
            }
            else
            {
                bytes.CopyTo(MemoryMarshal.CreateSpan(ref target, bytes.Length));
            }

            _written = written + bytes.Length;
            return;
        }

        WriteGrowing(bytes);
    }

    /// <summary>Room for at least <paramref name="sizeHint"/> bytes (at least one) after what is written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_bytes.Length - _written))
        {
            ThrowAdvancedTooFar(count);
        }

        _written += count;
    }

    // Most pieces of a line are a few bytes (a separator, a level name, a number): two overlapping loads and stores of
    // the widest size that fits copy them inline, where a call to the general copy costs more than the copy.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall(ref byte source, ref byte target, int length)
    {
        if (length >= 16)
        {
            var head = Unsafe.ReadUnaligned<Vector128<byte>>(ref source);
            var tail = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref source, length - 16));
            Unsafe.WriteUnaligned(ref target, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 16), tail);
        }
        else if (length >= 8)
        {
            var head = Unsafe.ReadUnaligned<ulong>(ref source);
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8));
            Unsafe.WriteUnaligned(ref target, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 8), tail);
        }
        else if (length >= 4)
        {
            var head = Unsafe.ReadUnaligned<uint>(ref source);
            var tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, length - 4));
            Unsafe.WriteUnaligned(ref target, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 4), tail);
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteGrowing(ReadOnlySpan<byte> bytes)
    {
        Grow(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_written));
        _written += bytes.Length;
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
