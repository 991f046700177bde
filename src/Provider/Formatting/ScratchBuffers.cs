namespace LoguStyle.Formatting;

/// <summary>
/// Reusable byte buffers per thread, where a record is rendered before it is written. A few per thread, because
/// rendering nests (a file sink's buffer, then the JSON formatter's scratch inside it) and because a value's
/// <c>ToString</c> may log: a nested call rents its own buffer instead of overwriting the one in use. A buffer grown
/// past 256 KB by a huge record is not kept.
/// </summary>
internal static class ScratchBuffers
{
    private const int PerThread = 4;
    private const int MaxRetained = 256 * 1024;

    [ThreadStatic]
    private static Utf8Buffer?[]? t_free;

    [ThreadStatic]
    private static int t_count;

    // Hot path: a pop and a push on a thread-local array.
    public static Utf8Buffer Rent()
    {
        if (t_free is { } free && t_count > 0)
        {
            var buffer = free[--t_count]!;
            free[t_count] = null;
            buffer.Clear();
            return buffer;
        }

        return new Utf8Buffer(4096);
    }

    public static void Return(Utf8Buffer buffer)
    {
        if (buffer.Capacity > MaxRetained)
        {
            return;
        }

        var free = t_free ??= new Utf8Buffer?[PerThread];
        if (t_count < PerThread)
        {
            free[t_count++] = buffer;
        }
    }
}
