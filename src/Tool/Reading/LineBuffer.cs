namespace LoguStyle.Tool.Reading;

/// <summary>
/// Splits bytes into lines as they arrive, each line kept byte for byte with its <c>\n</c> (so <c>--json</c> writes
/// exactly what the sink wrote); a line that has no <c>\n</c> yet stays in the buffer until the rest of it comes.
/// </summary>
internal sealed class LineBuffer
{
    private byte[] _bytes = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>True when bytes of a line without its <c>\n</c> are waiting.</summary>
    public bool HasPartialLine => _end > _start;

    /// <summary>Room for at least <paramref name="count"/> more bytes, to read into and then <see cref="Commit"/>.</summary>
    public Span<byte> Free(int count)
    {
        if (_bytes.Length - _end < count)
        {
            var kept = _end - _start;
            var target = kept + count > _bytes.Length ? new byte[Math.Max(_bytes.Length * 2, kept + count)] : _bytes;
            _bytes.AsSpan(_start, kept).CopyTo(target);
            _bytes = target;
            _start = 0;
            _end = kept;
        }

        return _bytes.AsSpan(_end);
    }

    public void Commit(int count) => _end += count;

    /// <summary>The next whole line with its <c>\n</c>, or null when none is complete.</summary>
    public byte[]? TakeLine()
    {
        var newline = _bytes.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var line = _bytes.AsSpan(_start, newline + 1).ToArray();
        _start += newline + 1;
        return line;
    }

    /// <summary>The bytes of the unfinished line (the last line of a file that has no <c>\n</c>), emptying the buffer.</summary>
    public byte[] TakeRest()
    {
        var rest = _bytes.AsSpan(_start, _end - _start).ToArray();
        Clear();
        return rest;
    }

    public void Clear()
    {
        _start = 0;
        _end = 0;
    }
}
