using System.Globalization;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// RFC 5424's TIMESTAMP, <c>yyyy-MM-dd'T'HH:mm:ss.ffffffzzz</c> (RFC 3339, 6 fractional digits, the record's offset),
/// formatted once per second and offset: a record of the same second copies the date-time and offset bytes and writes
/// its 6 digits. The same bytes as <see cref="DateTimeOffset.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// with that format (a custom format string costs a parse per record, the writer's hot path).
/// </summary>
internal sealed class SyslogTimestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz";

    // Swapped whole, so a caller on another thread reads one consistent second.
    private Second? _last;

    /// <summary>Writes <paramref name="time"/> as RFC 5424's TIMESTAMP.</summary>
    public void Write(DateTimeOffset time, Utf8Buffer output)
    {
        var ticks = time.Ticks;
        var key = ticks / TimeSpan.TicksPerSecond;
        var second = _last;
        if (second is null || second.Key != key || second.Offset != time.Offset)
        {
            _last = second = new Second(time, key);
        }

        var span = output.GetSpan(second.Prefix.Length + 6 + second.Suffix.Length);
        second.Prefix.CopyTo(span);
        var digits = span[second.Prefix.Length..];

        // "ffffff": the first 6 of the 7 digits of the second's ticks, cut, not rounded.
        var fraction = (int)(ticks % TimeSpan.TicksPerSecond) / 10;
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        second.Suffix.CopyTo(digits[6..]);
        output.Advance(second.Prefix.Length + 6 + second.Suffix.Length);
    }

    /// <summary>Formats <paramref name="time"/> the slow way: what <see cref="Write"/> must equal.</summary>
    public static string Reference(DateTimeOffset time) => time.ToString(Format, CultureInfo.InvariantCulture);

    private sealed class Second
    {
        public Second(DateTimeOffset time, long key)
        {
            Key = key;
            Offset = time.Offset;
            var text = Reference(time);
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            Prefix = System.Text.Encoding.ASCII.GetBytes(text[..(dot + 1)]);
            Suffix = System.Text.Encoding.ASCII.GetBytes(text[(dot + 7)..]);
        }

        public long Key { get; }

        public TimeSpan Offset { get; }

        public byte[] Prefix { get; }

        public byte[] Suffix { get; }
    }
}
