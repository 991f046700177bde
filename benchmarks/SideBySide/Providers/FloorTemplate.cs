using System.Globalization;
using System.Text;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// The floor row's message of a template call: the template's text between its holes and each hole's value formatted
/// into UTF-8 with the invariant culture (as MEL's formatter does). The last template's split is kept, so the
/// benchmark's one template is parsed once. Only what the benchmark's record needs: no format specifiers, alignment,
/// escaped braces, nulls or lists (such a call takes MEL's formatter).
/// </summary>
internal static class FloorTemplate
{
    // One reference, so a thread never reads a template with another template's split.
    private static Split? s_last;

    public static bool TryWrite(IReadOnlyList<KeyValuePair<string, object?>> values, Span<byte> into, out int written)
    {
        written = 0;
        var count = values.Count;
        if (count == 0 || values[count - 1].Value is not string template)
        {
            return false;
        }

        var literals = LiteralsOf(template);
        if (literals is null || literals.Length != count)
        {
            return false;
        }

        for (var i = 0; i < count - 1; i++)
        {
            literals[i].CopyTo(into[written..]);
            written += literals[i].Length;
            if (values[i].Value is not IUtf8SpanFormattable value || !value.TryFormat(into[written..], out var length, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            written += length;
        }

        literals[^1].CopyTo(into[written..]);
        written += literals[^1].Length;
        return true;
    }

    // The UTF-8 text around the holes (one more than the holes), or null for a template this row does not handle.
    private static byte[][]? LiteralsOf(string template)
    {
        if (Volatile.Read(ref s_last) is { } last && ReferenceEquals(last.Template, template))
        {
            return last.Literals;
        }

        var literals = new List<byte[]>();
        var start = 0;
        while (template.IndexOf('{', start) is var open and >= 0)
        {
            var close = template.IndexOf('}', open);
            if (close < 0 || template.AsSpan(open + 1, close - open - 1).IndexOfAny(":,{") >= 0)
            {
                return null;
            }

            literals.Add(Encoding.UTF8.GetBytes(template[start..open]));
            start = close + 1;
        }

        literals.Add(Encoding.UTF8.GetBytes(template[start..]));
        var split = new Split(template, [.. literals]);
        Volatile.Write(ref s_last, split);
        return split.Literals;
    }

    private sealed record Split(string Template, byte[][] Literals);
}
