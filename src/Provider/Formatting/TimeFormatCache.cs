using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Formats <c>{time:format}</c> once per millisecond instead of once per record: .NET's custom date formatting costs
/// more than the rest of a line, and records logged in the same millisecond share their text. Formats finer than a
/// millisecond (<c>ffff</c> and beyond) are formatted every time.
/// </summary>
/// <remarks>
/// Two entries, not one: a queue's writer formats older records while the logging threads, helping a writer that fell
/// behind, format the newest. With one entry the two would replace each other's for nearly every record, and each
/// replacement allocates. New times go to the first entry; a time older than the first entry's goes to the second.
/// </remarks>
internal sealed class TimeFormatCache
{
    /// <summary>The suffix of a time format that renders the time in UTC (Loguru's <c>{time:HH:mm!UTC}</c>).</summary>
    public const string UtcSuffix = "!UTC";

    private readonly string _format;
    private readonly bool _cacheable;
    private readonly bool _utc;
    private Entry? _newest;
    private Entry? _older;

    /// <summary>A cache for <paramref name="format"/>; a trailing <see cref="UtcSuffix"/> converts each time to UTC first.</summary>
    /// <param name="format">A .NET date format, optionally ending in <c>!UTC</c>.</param>
    /// <param name="defaultFormat">The format used when nothing is left before <c>!UTC</c>.</param>
    public TimeFormatCache(string format, string defaultFormat = FormatPlan.DefaultTimeFormat)
    {
        _utc = format.EndsWith(UtcSuffix, StringComparison.Ordinal);
        if (_utc)
        {
            format = format[..^UtcSuffix.Length];
            format = format.Length == 0 ? defaultFormat : format;
        }

        _format = format;
        _cacheable = !HasSubMillisecondField(format);
    }

    // Hot path: one volatile read and a copy when the millisecond matches the newest entry's.
    public void Write(Utf8Buffer output, DateTimeOffset time, int alignment)
    {
        if (_utc)
        {
            time = time.ToUniversalTime();
        }

        if (!_cacheable)
        {
            Utf8RecordWriter.WriteFormatted(output, time, _format, alignment);
            return;
        }

        var key = time.Ticks / TimeSpan.TicksPerMillisecond;
        var offset = time.Offset;
        var entry = Volatile.Read(ref _newest);
        if (entry is null || entry.Key != key || entry.Offset != offset)
        {
            var newest = entry;
            entry = Volatile.Read(ref _older);
            if (entry is null || entry.Key != key || entry.Offset != offset)
            {
                var text = time.ToString(_format, CultureInfo.InvariantCulture);
                entry = new Entry(key, offset, time.UtcTicks, Encoding.UTF8.GetBytes(text), text.Length);

                // Ordered by the UTC instant: local clock readings go back an hour when daylight saving ends.
                if (newest is null || entry.UtcTicks >= newest.UtcTicks)
                {
                    Volatile.Write(ref _newest, entry);
                }
                else
                {
                    Volatile.Write(ref _older, entry);
                }
            }
        }

        var pad = Math.Abs(alignment) - entry.Chars;
        if (pad <= 0)
        {
            output.Write(entry.Bytes);
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

    private sealed record Entry(long Key, TimeSpan Offset, long UtcTicks, byte[] Bytes, int Chars);
}
