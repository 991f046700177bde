using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace LoguStyle.Micro;

/// <summary>
/// Whether Utf8Buffer's hand-rolled copy for pieces of up to 32 bytes (two overlapping loads and stores of the widest
/// size that fits) still beats the plain <see cref="Span{T}.CopyTo"/>. A line is about twenty such pieces. The trick
/// goes once the difference is within the run-to-run spread.
/// </summary>
public class SmallCopyBenchmarks
{
    private readonly byte[] _source = new byte[64];
    private readonly byte[] _target = new byte[64];

    [Params(3, 7, 12, 20, 31)]
    public int Length { get; set; }

    [Benchmark(Baseline = true, Description = "Span.CopyTo")]
    public void Plain() => _source.AsSpan(0, Length).CopyTo(_target);

    [Benchmark(Description = "overlapping loads")]
    public void Overlapping() =>
        CopySmall(ref MemoryMarshal.GetArrayDataReference(_source), ref MemoryMarshal.GetArrayDataReference(_target), Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall(ref byte source, ref byte target, int length)
    {
        if (length >= 16)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<Vector128<byte>>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 16), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref source, length - 16)));
        }
        else if (length >= 8)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<ulong>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8)));
        }
        else if (length >= 4)
        {
            Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<uint>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, length - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, length - 4)));
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                Unsafe.Add(ref target, i) = Unsafe.Add(ref source, i);
            }
        }
    }
}
