using System.Buffers;
using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Formats <c>{time:format}</c> once per millisecond instead of once per record: .NET's custom date formatting costs
/// more than the rest of a line, and records logged in the same millisecond share their text. Formats finer than a
/// millisecond (<c>ffff</c> and beyond) are formatted every time.
/// </summary>
internal sealed class TimeFormatCache
{
    private readonly string _format;
    private readonly bool _cacheable;
    private Entry? _last;

    public TimeFormatCache(string format)
    {
        _format = format;
        _cacheable = !HasSubMillisecondField(format);
    }

    // Hot path: one volatile read and a copy when the millisecond matches the last record's.
    public void Write(IBufferWriter<byte> output, DateTimeOffset time, int alignment)
    {
        if (!_cacheable)
        {
            Utf8RecordWriter.WriteFormatted(output, time, _format, alignment);
            return;
        }

        var key = time.Ticks / TimeSpan.TicksPerMillisecond;
        var offset = time.Offset;
        var entry = Volatile.Read(ref _last);
        if (entry is null || entry.Key != key || entry.Offset != offset)
        {
            var text = time.ToString(_format, CultureInfo.InvariantCulture);
            entry = new Entry(key, offset, Encoding.UTF8.GetBytes(text), text.Length);
            Volatile.Write(ref _last, entry);
        }

        var pad = Math.Abs(alignment) - entry.Chars;
        if (pad <= 0)
        {
            Utf8RecordWriter.WriteBytes(output, entry.Bytes);
            return;
        }

        Utf8RecordWriter.WriteText(output, Encoding.UTF8.GetString(entry.Bytes), alignment, escape: false);
    }

    private static bool HasSubMillisecondField(string format)
    {
        var run = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is 'f' or 'F')
            {
                if (++run > 3)
                {
                    return true;
                }
            }
            else
            {
                run = 0;
            }
        }

        // Standard formats of one letter (o, O, r, s, u, ...) are formatted every time; "o" has seven fraction digits.
        return format.Length == 1;
    }

    private sealed record Entry(long Key, TimeSpan Offset, byte[] Bytes, int Chars);
}
