using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// A MEL message template (<c>"User {UserId} bought {Count} items"</c>) parsed once, rendering its values straight to
/// UTF-8 exactly as MEL's formatter would render them to a string: holes in order, invariant culture, <c>(null)</c>
/// for null, lists joined with <c>", "</c>, .NET alignment and format. Templates outside the plain form (escaped braces,
/// odd braces) are not parsed here; their records use MEL's own formatter, and its fallback when that throws
/// (<see cref="ForMel"/>).
/// </summary>
internal sealed partial class MessageTemplate
{
    private static readonly byte[] Null = "(null)"u8.ToArray();

    private readonly Part[] _parts;

    private MessageTemplate(Part[] parts, int holes)
    {
        _parts = parts;
        HoleCount = holes;
    }

    public int HoleCount { get; }

    /// <summary>The parsed template, or null when it is not in the plain form.</summary>
    // Hot path: answered from the cache (MessageTemplate.Cache.cs) once the text has been read.
    public static MessageTemplate? For(string template) => Lookup(template).Parsed;

    /// <summary>MEL's <c>{OriginalFormat}</c> from a state list (last, where MEL puts it, or anywhere); null when absent.</summary>
    public static string? TemplateOf(IReadOnlyList<KeyValuePair<string, object?>> list)
    {
        try
        {
            var count = list.Count;
            if (count > 0 && list[count - 1] is { Key: "{OriginalFormat}", Value: string last })
            {
                return last;
            }

            for (var i = 0; i < count - 1; i++)
            {
                if (list[i] is { Key: "{OriginalFormat}", Value: string template })
                {
                    return template;
                }
            }
        }
#pragma warning disable CA1031 // A custom state list is user code; a broken one still gives a record with its message.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return null;
    }

    // Hot path: literals are copied as pre-encoded bytes; values are formatted into the output buffer.
    public void Render(Utf8Buffer output, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var hole = 0;
        foreach (var part in _parts)
        {
            if (part.Literal is { } literal)
            {
                output.Write(literal);
                continue;
            }

            object? value = null;
            try
            {
                value = values[hole++].Value;
                WriteValue(output, value, part.Format, part.Alignment);
            }
#pragma warning disable CA1031 // A value's formatting is user code; the record is still written, with a marker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Utf8RecordWriter.WriteText(output, Missing(values, hole - 1) ? part.Raw : SafeText.Failed(value, ex), 0, escape: true);
            }
        }
    }

    /// <summary>
    /// The message as MEL's formatter makes it, as text: literals as written, values formatted as they are in their
    /// holes, nothing escaped (a sink escapes when it writes). For sinks that read the message as a string. Never
    /// throws: a hole without a value (fewer arguments than holes) keeps its text (<c>{Customer}</c>), a value whose
    /// formatting throws becomes a marker, so one bad argument costs neither the record nor the other values.
    /// </summary>
    public string RenderText(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var text = new DefaultInterpolatedStringHandler(0, HoleCount, CultureInfo.InvariantCulture, stackalloc char[256]);
        var hole = 0;
        foreach (var part in _parts)
        {
            if (part.Literal is not null)
            {
                text.AppendLiteral(part.Raw!);
                continue;
            }

            object? value = null;
            try
            {
                // A value whose formatting throws appends nothing: the handler moves on only after a value is written.
                value = values[hole++].Value;
                AppendHole(ref text, value, part.Format, part.Alignment);
            }
#pragma warning disable CA1031 // A value's formatting is user code; the record is still written, with a marker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                text.AppendLiteral(Missing(values, hole - 1) ? part.Raw! : SafeText.Failed(value, ex));
            }
        }

        return text.ToStringAndClear();
    }

    internal static MessageTemplate? Parse(string template)
    {
        var parts = new List<Part>();
        var holes = 0;
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var stray = template.IndexOf('}', i);
            if (open < 0)
            {
                if (stray >= 0)
                {
                    return null;
                }

                parts.Add(Part.Text(template[i..]));
                break;
            }

            if (stray >= 0 && stray < open)
            {
                return null;
            }

            if (open > i)
            {
                parts.Add(Part.Text(template[i..open]));
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0 || template.IndexOf('{', open + 1, close - open - 1) >= 0 ||
                (close + 1 < template.Length && template[close + 1] == '}'))
            {
                return null;
            }

            var body = template.AsSpan(open + 1, close - open - 1);
            if (body.IsEmpty || body.StartsWith("{"))
            {
                return null;
            }

            string? format = null;
            var colon = body.IndexOf(':');
            if (colon >= 0)
            {
                format = body[(colon + 1)..].ToString();
                body = body[..colon];
            }

            var alignment = 0;
            var comma = body.IndexOf(',');
            if (comma >= 0)
            {
                if (!int.TryParse(body[(comma + 1)..], NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out alignment))
                {
                    return null;
                }
            }

            parts.Add(Part.Hole(template[open..(close + 1)], format, alignment));
            holes++;
            i = close + 1;
        }

        return new MessageTemplate([.. parts], holes);
    }

    /// <summary>
    /// True when the state has no value for hole <paramref name="index"/>: MEL's state for fewer arguments than holes
    /// reports a pair per hole but throws for those without an argument; a copy of it ends early.
    /// </summary>
    private static bool Missing(IReadOnlyList<KeyValuePair<string, object?>> values, int index)
    {
        try
        {
            return index >= values.Count || values[index].Key == "{OriginalFormat}";
        }
#pragma warning disable CA1031 // The state is user code; a pair that cannot be read is a pair without a value.
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    private static void WriteValue(Utf8Buffer output, object? value, string? format, int alignment)
    {
        if (alignment == 0)
        {
            switch (value)
            {
                case null:
                    output.Write(Null);
                    return;
                case string text:
                    Utf8RecordWriter.WriteText(output, text, 0, escape: true);
                    return;
                case decimal number when format is null && DecimalText.TryWrite(number, output.GetSpan(64), out var length):
                    output.Advance(length);
                    return;
                case IUtf8SpanFormattable utf8:
                    var span = output.GetSpan(64);
                    if (utf8.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
                    {
                        output.Advance(written);
                        return;
                    }

                    break;
            }
        }

        Utf8RecordWriter.WriteText(output, Text(value, format, alignment), 0, escape: true);
    }

    /// <summary>The value as MEL's formatter renders it into its hole.</summary>
    private static string Text(object? value, string? format, int alignment)
    {
        var text = new DefaultInterpolatedStringHandler(0, 1, CultureInfo.InvariantCulture, stackalloc char[128]);
        AppendHole(ref text, value, format, alignment);
        return text.ToStringAndClear();
    }

    /// <summary>
    /// One hole as MEL's formatter fills it: <c>(null)</c> for null, lists joined with <c>", "</c>, then .NET's
    /// alignment and format with the invariant culture (as <c>string.Format</c> would, without building a format string).
    /// </summary>
    internal static void AppendHole(ref DefaultInterpolatedStringHandler text, object? value, string? format, int alignment)
    {
        object? argument = value switch
        {
            null => "(null)",
            string => value,
            IEnumerable items => Join(items),
            _ => value,
        };
        text.AppendFormatted(argument, alignment, format);
    }

    private static string Join(IEnumerable items)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            text.Append(item is null ? "(null)" : item.ToString());
            first = false;
        }

        return text.ToString();
    }

    private readonly record struct Part(byte[]? Literal, string? Raw, string? Format, int Alignment)
    {
        public static Part Text(string text) =>
            new(Utf8RecordWriter.Encoded(text, 0, escape: true), text, null, 0);

        /// <summary>A hole; <paramref name="raw"/> is its text (<c>{Customer}</c>), written when it has no value.</summary>
        public static Part Hole(string raw, string? format, int alignment) => new(null, raw, format, alignment);
    }
}
