using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace LoguStyle.Pipeline;

/// <summary>
/// Asks the processor to bring the next pooled records into this core's cache while the current call runs. A pooled
/// record comes back from a queue's writer, which cleared it on its own core; the logging call that takes it next reads
/// it (its companion, the companion's copy of the values, that copy's array: one object after another), and each read
/// of a line the other core holds stalls the call for a cross-core round trip (hundreds of nanoseconds on a virtual
/// machine whose two cores the host placed apart; docs/benchmarks.md, "Counting instead of timing"). Taking records in
/// the order of their chunk, the call that takes record <c>i</c> prefetches one level of each of the next four: record
/// <c>i-4</c> itself, the companion of <c>i-3</c> (whose record came in during the call before), the value copy of
/// <c>i-2</c>, the copy's array of <c>i-1</c>; so each object is in the cache when the call reading its pointer comes.
/// A prefetch is only a hint: an address the collector has since moved costs a wasted line, never a wrong read.
/// </summary>
internal static class RecordPrefetch
{
    // A LogRecord spans about four cache lines, a companion two, a value copy one; the copy's array of pairs (16 bytes
    // each) two for the usual handful of values.
    private const int RecordLines = 4;
    private const int CompanionLines = 2;
    private const int CopyLines = 1;
    private const int ArrayLines = 2;

    /// <summary>Prefetches ahead of <paramref name="items"/>[<paramref name="index"/>], the record just taken (see the class remarks).</summary>
    public static void Ahead(LogRecord?[] items, int index)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        if (index >= 4)
        {
            Lines(items[index - 4], RecordLines);
        }

        if (index >= 3 && items[index - 3]?.Companion is { } companion)
        {
            Lines(companion, CompanionLines);
        }

        if (index >= 2 && items[index - 2]?.Companion?.KeptStateCopy is { } copy)
        {
            Lines(copy, CopyLines);
        }

        if (index >= 1 && items[index - 1]?.Companion?.KeptStateCopy?.Storage is { } array)
        {
            Lines(array, ArrayLines);
        }
    }

    /// <summary>Prefetches <paramref name="record"/>'s own lines (a queue's writer, for the record after the one it takes).</summary>
    public static void Record(LogRecord record)
    {
        if (Sse.IsSupported)
        {
            Lines(record, RecordLines);
        }
    }

    private static unsafe void Lines(object? target, int lines)
    {
        if (target is null)
        {
            return;
        }

        // The object's address, read from the reference itself; not pinned: the hint may name where it was.
        var start = (byte*)Unsafe.As<object, nint>(ref target);
        for (var line = 0; line < lines; line++)
        {
            Sse.Prefetch0(start + (line * 64));
        }
    }
}
