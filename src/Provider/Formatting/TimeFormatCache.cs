using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Formats <c>{time:format}</c> once per second instead of once per record: .NET's custom date formatting costs more
/// than the rest of a line, and records logged in the same second share their text. A fraction of the second
/// (<c>f</c> to <c>fffffff</c>, one run outside quotes: the default <c>yyyy-MM-dd HH:mm:ss.fff</c> and syslog's RFC 5424
/// TIMESTAMP among them) is written by hand into the cached text. A format with other fraction fields (<c>F</c>, or
/// <c>f</c> in two places) is cached per millisecond when it is no finer than that, and formatted every time otherwise.
/// </summary>
/// <remarks>
/// Two entries, not one: a queue's writer formats older records while the logging threads, helping a writer that fell
/// behind, format the newest. With one entry the two would replace each other's for nearly every record, and each
/// replacement allocates. New times go to the first entry; a time older than the first entry's goes to the second.
/// Why per second even for milliseconds: an entry per millisecond allocated its text once a millisecond on the logging
/// thread (a string, its bytes and the entry, 176 B), which at a few million records a second added 0.04-0.08 B to
/// every call's allocation.
/// </remarks>
internal sealed class TimeFormatCache
{
    /// <summary>The suffix of a time format that renders the time in UTC (Loguru's <c>{time:HH:mm!UTC}</c>).</summary>
    public const string UtcSuffix = "!UTC";

    private readonly string _format;
    private readonly bool _cacheable;
    private readonly bool _utc;

    // The fraction mode: digits of the run of 'f' (0 when the cache keys on the millisecond) and where they start in
    // the text, found by formatting the part of the format before them.
    private readonly int _fractionDigits;
    private readonly string _beforeFraction = string.Empty;
    private readonly bool _spacePaddedDay;

    // Keyed on the second (a fraction written by hand, or no fraction field: RFC 3164's format too), else the millisecond.
    private readonly bool _perSecond;
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
        _fractionDigits = FractionRun(format, out var start);
        if (_fractionDigits > 0)
        {
            _beforeFraction = format[..start];
        }

        _cacheable = _fractionDigits > 0 || !HasSubMillisecondField(format);
        _perSecond = _fractionDigits > 0 || !HasFractionField(format);
    }

    private TimeFormatCache(string format, bool spacePaddedDay)
        : this(format) => _spacePaddedDay = spacePaddedDay;

    /// <summary>RFC 5424's TIMESTAMP: RFC 3339 with 6 fraction digits and the record's offset.</summary>
    public static TimeFormatCache Rfc5424() => new("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz");

    /// <summary>
    /// RFC 3164's TIMESTAMP, <c>Mmm dd HH:mm:ss</c> with the day padded by a space (<c>Nov  3</c>): no .NET format
    /// pads with a space, so the cached text has the day's leading zero replaced once per second.
    /// </summary>
    public static TimeFormatCache Rfc3164() => new("MMM dd HH:mm:ss", spacePaddedDay: true);

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

        var key = time.Ticks / (_perSecond ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond);
        var offset = time.Offset;
        var entry = Volatile.Read(ref _newest);
        if (entry is null || entry.Key != key || entry.Offset != offset)
        {
            var newest = entry;
            entry = Volatile.Read(ref _older);
            if (entry is null || entry.Key != key || entry.Offset != offset)
            {
                var text = time.ToString(_format, CultureInfo.InvariantCulture);
                if (_spacePaddedDay && text[4] == '0')
                {
                    text = string.Concat(text.AsSpan(0, 4), " ", text.AsSpan(5));
                }

                var at = _fractionDigits > 0 ? Encoding.UTF8.GetByteCount(Part(time, _beforeFraction)) : 0;
                entry = new Entry(key, offset, time.UtcTicks, Encoding.UTF8.GetBytes(text), text.Length, at);

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
        if (_fractionDigits == 0)
        {
            if (pad <= 0)
            {
                output.Write(entry.Bytes);
                return;
            }

            Utf8RecordWriter.WriteText(output, Encoding.UTF8.GetString(entry.Bytes), alignment, escape: false);
            return;
        }

        var span = output.GetSpan(entry.Bytes.Length);
        entry.Bytes.CopyTo(span);
        // The second's ticks from its key (no 64-bit remainder on the hot path).
        WriteFraction(span.Slice(entry.FractionAt, _fractionDigits), (int)(time.Ticks - (key * TimeSpan.TicksPerSecond)));
        if (pad <= 0)
        {
            output.Advance(entry.Bytes.Length);
            return;
        }

        Utf8RecordWriter.WriteText(output, Encoding.UTF8.GetString(span[..entry.Bytes.Length]), alignment, escape: false);
    }

    // "f" to "fffffff": the first digits of the 7 of the second's ticks (0 to 9,999,999), cut, not rounded.
    private static void WriteFraction(Span<byte> digits, int fraction)
    {
        if (digits.Length == 3)
        {
            // Milliseconds, the default format's: divisions by constants, which the JIT makes multiplications.
            var milliseconds = (uint)fraction / 10_000;
            var tens = milliseconds / 10;
            var hundreds = tens / 10;
            digits[2] = (byte)('0' + (milliseconds - (tens * 10)));
            digits[1] = (byte)('0' + (tens - (hundreds * 10)));
            digits[0] = (byte)('0' + hundreds);
            return;
        }

        for (var skip = 7 - digits.Length; skip > 0; skip--)
        {
            fraction /= 10;
        }

        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }
    }

    // A part of a custom format alone: empty is no text (not the general format), one letter is a custom field.
    private static string Part(DateTimeOffset time, string format) => format.Length switch
    {
        0 => string.Empty,
        1 => time.ToString("%" + format, CultureInfo.InvariantCulture),
        _ => time.ToString(format, CultureInfo.InvariantCulture),
    };

    // The length and start of the format's one run of 1 to 7 'f' outside quotes, or 0: then the fraction is written by
    // hand into the text cached per second. Not with 'F' (drops trailing zeros, so the length varies) or escapes.
    private static int FractionRun(string format, out int start)
    {
        start = -1;
        var length = 0;
        var quote = '\0';
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '\\' or 'F' or '%':
                    return 0;
                case 'f' when start < 0 || (length > 0 && start + length == i):
                    start = start < 0 ? i : start;
                    length++;
                    break;
                case 'f':
                    return 0;
            }
        }

        return length is >= 1 and <= 7 && format.Length > 1 ? length : 0;
    }

    // True when the format may show a fraction of the second: 'f' or 'F' anywhere (in quotes too: a literal letter only
    // costs the per-second key). Standard formats of one letter are not cached at all (HasSubMillisecondField).
    private static bool HasFractionField(string format) => format.AsSpan().IndexOfAny('f', 'F') >= 0;

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

    private sealed record Entry(long Key, TimeSpan Offset, long UtcTicks, byte[] Bytes, int Chars, int FractionAt);
}
