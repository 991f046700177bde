using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes record values as UTF-8 into a sink's reusable buffer, with .NET alignment and terminal-safe escaping.
/// Hot path: values are formatted into stack space and encoded straight into the buffer; a string is made only
/// when text must be escaped or a value does not format into a span.
/// </summary>
internal static class Utf8RecordWriter
{
    private const int StackChars = 256;

    /// <summary>Writes text, escaping unsafe characters when <paramref name="escape"/> is set, padded to the alignment.</summary>
    public static void WriteText(Utf8Buffer output, ReadOnlySpan<char> text, int alignment, bool escape)
    {
        if (escape && TextEscaper.NeedsEscaping(text))
        {
            text = TextEscaper.Escape(text);
        }

        var pad = Math.Abs(alignment) - text.Length;
        if (pad > 0 && alignment > 0)
        {
            WritePadding(output, pad);
        }

        Encode(output, text);
        if (pad > 0 && alignment < 0)
        {
            WritePadding(output, pad);
        }
    }

    /// <summary>
    /// The bytes <see cref="WriteText"/> writes for <paramref name="text"/>, for text that is the same for every record
    /// (a template's literals, a logger's category, a level's name): made once and copied after.
    /// </summary>
    public static byte[] Encoded(string text, int alignment, bool escape)
    {
        var output = new Utf8Buffer(Math.Max(16, text.Length));
        WriteText(output, text, alignment, escape);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Formats a value with an invariant culture into stack space and writes it aligned.</summary>
    public static void WriteFormatted<T>(Utf8Buffer output, T value, string? format, int alignment)
        where T : ISpanFormattable
    {
        Span<char> chars = stackalloc char[StackChars];
        if (value.TryFormat(chars, out var written, format, CultureInfo.InvariantCulture))
        {
            WriteText(output, chars[..written], alignment, escape: false);
        }
        else
        {
            WriteText(output, value.ToString(format, CultureInfo.InvariantCulture), alignment, escape: false);
        }
    }

    /// <summary>
    /// Writes a property value: null as <c>(null)</c> (as MEL does), formattable values with the format, anything else
    /// with <c>ToString()</c>; a <c>ToString</c> that throws writes a marker instead of failing the record.
    /// </summary>
    // A collection reads as {scopes} and syslog's structured data read it (CollectionValue.Text: "a, b", as a MEL list
    // argument), not by its own ToString, so {extra} and {scopes} write a bound list alike.
    public static void WriteValue(Utf8Buffer output, object? value, string? format, int alignment) =>
        WriteText(output, value is System.Collections.IEnumerable and not string ? CollectionValue.Text(value) : SafeText.Of(value, format), alignment, escape: true);

    private static void WritePadding(Utf8Buffer output, int count)
    {
        var span = output.GetSpan(count);
        span[..count].Fill((byte)' ');
        output.Advance(count);
    }

    private static void Encode(Utf8Buffer output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        // Lone surrogates become U+FFFD (Encoding.UTF8's replacement fallback), never an exception.
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var count = Encoding.UTF8.GetBytes(text, span);
        output.Advance(count);
    }
}
