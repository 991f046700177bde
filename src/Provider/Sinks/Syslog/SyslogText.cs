using System.Globalization;
using System.Text;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// The pure pieces of a syslog message (RFC 5424): header fields in printable ASCII within their length limits, SD
/// names and escaped SD values (section 6.3), severities, and cutting a message on a UTF-8 character boundary.
/// </summary>
internal static class SyslogText
{
    /// <summary>RFC 5424's length limits (section 6).</summary>
    public const int MaxHostName = 255;
    public const int MaxAppName = 48;
    public const int MaxProcId = 128;
    public const int MaxMessageId = 32;
    public const int MaxSdName = 32;

    /// <summary>RFC 5424 section 6.2.1 table 2: Critical 2, Error 3, Warning 4, Information 6, Debug and Trace 7.</summary>
    public static int Severity(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    /// <summary>True for a character a header field may hold: printable US-ASCII, 33 to 126.</summary>
    public static bool IsPrintable(char c) => c is >= '!' and <= '~';

    /// <summary>Writes <paramref name="value"/> in decimal digits (a PRI, a PROCID), without the string <c>ToString</c> would make.</summary>
    public static void WriteNumber(Utf8Buffer output, int value)
    {
        var span = output.GetSpan(11);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>True for a character an SD-NAME may hold: printable US-ASCII but <c>= ] "</c> (space is not printable).</summary>
    public static bool IsSdNameChar(char c) => IsPrintable(c) && c is not ('=' or ']' or '"');

    /// <summary>
    /// Writes a header field: <c>-</c> when empty, else each character outside printable ASCII as <c>_</c> (a
    /// surrogate pair as one), cut at <paramref name="maxLength"/> characters.
    /// </summary>
    public static void WriteField(Utf8Buffer output, string? value, int maxLength) => WriteName(output, value, maxLength, IsPrintable, "-"u8);

    /// <summary>Writes an SD-NAME (a PARAM-NAME): characters it may not hold as <c>_</c>, cut at 32; empty as <c>_</c>.</summary>
    public static void WriteSdName(Utf8Buffer output, string? name) => output.Advance(WriteSdName(output.GetSpan(MaxSdName), name));

    /// <summary>The text <see cref="WriteSdName(Utf8Buffer, string?)"/> writes, to compare names as the receiver will see them.</summary>
    public static string SdName(string? name)
    {
        var buffer = new Utf8Buffer(64);
        WriteSdName(buffer, name);
        return Encoding.ASCII.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a PARAM-VALUE in UTF-8 with <c>"</c>, <c>\</c> and <c>]</c> escaped by a backslash (section 6.3.3), and
    /// control characters (C0, tab and line breaks included, DEL, C1) as visible escapes (<c>\x0A</c>, <c>\u0085</c>):
    /// a value is one line in the receiver's parsed record (rsyslog drops a raw line feed in it), and a raw one could
    /// forge or hide text where the value is shown (CWE-117).
    /// </summary>
    public static void WriteParamValue(Utf8Buffer output, string value)
    {
        var rest = value.AsSpan().ContainsAny(Controls) ? EscapeControls(value).AsSpan() : value.AsSpan();
        while (true)
        {
            var next = rest.IndexOfAny('"', '\\', ']');
            var plain = next < 0 ? rest : rest[..next];
            if (!plain.IsEmpty)
            {
                var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(plain.Length));
                output.Advance(Encoding.UTF8.GetBytes(plain, span));
            }

            if (next < 0)
            {
                return;
            }

            output.Write(rest[next] switch { '"' => "\\\""u8, '\\' => "\\\\"u8, _ => "\\]"u8 });
            rest = rest[(next + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c)]);

    private static string EscapeControls(string value)
    {
        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (!Controls.Contains(c))
            {
                escaped.Append(c);
            }
            else if (c < 0x80)
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// The longest prefix of <paramref name="bytes"/> of at most <paramref name="max"/> bytes that ends on a UTF-8
    /// character boundary: a cut never leaves half a character for the receiver to replace.
    /// </summary>
    public static int Utf8Prefix(ReadOnlySpan<byte> bytes, int max)
    {
        if (bytes.Length <= max)
        {
            return bytes.Length;
        }

        // Continuation bytes are 10xxxxxx: back up to the first byte of the character the cut falls in.
        var end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return end;
    }

    /// <summary>The rendered MSG text without the newline the formatter ended it with.</summary>
    public static ReadOnlySpan<byte> WithoutTerminator(ReadOnlySpan<byte> text)
    {
        var end = text.Length;
        if (end > 0 && text[end - 1] == (byte)'\n')
        {
            end--;
            if (end > 0 && text[end - 1] == (byte)'\r')
            {
                end--;
            }
        }

        return text[..end];
    }

    private static void WriteName(Utf8Buffer output, string? value, int maxLength, Func<char, bool> allowed, ReadOnlySpan<byte> empty) =>
        output.Advance(WriteName(output.GetSpan(Math.Max(empty.Length, Math.Min(value?.Length ?? 0, maxLength))), value, maxLength, allowed, empty));

    /// <summary>
    /// Writes an SD-NAME as <see cref="WriteSdName(Utf8Buffer, string?)"/> does, into <paramref name="destination"/>
    /// (room for <see cref="MaxSdName"/> bytes); returns its length. The formatter compares names there before it keeps one.
    /// </summary>
    public static int WriteSdName(Span<byte> destination, string? name)
    {
        // A name that is already a valid SD-NAME (a template's property names nearly always are) is copied as it is,
        // with one vectorized look instead of a call per character (every record writes its properties' names).
        if (name is { Length: > 0 and <= MaxSdName } && !name.AsSpan().ContainsAnyExcept(SdNameChars))
        {
            return Encoding.ASCII.GetBytes(name, destination);
        }

        return WriteName(destination, name, MaxSdName, IsSdNameChar, "_"u8);
    }

    // The characters IsSdNameChar allows.
    private static readonly System.Buffers.SearchValues<char> SdNameChars =
        System.Buffers.SearchValues.Create([.. Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(IsSdNameChar)]);

    private static int WriteName(Span<byte> span, string? value, int maxLength, Func<char, bool> allowed, ReadOnlySpan<byte> empty)
    {
        if (string.IsNullOrEmpty(value))
        {
            empty.CopyTo(span);
            return empty.Length;
        }

        var written = 0;
        for (var i = 0; i < value.Length && written < maxLength; i++)
        {
            var c = value[i];
            span[written++] = allowed(c) ? (byte)c : (byte)'_';
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
        }

        return written;
    }
}
