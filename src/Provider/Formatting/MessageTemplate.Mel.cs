using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Every template MEL accepts, parsed as MEL parses it: escaped braces (<c>{{</c>, <c>}}</c>), an empty hole (<c>{}</c>)
/// and runs of braces around a hole (<c>{{{A}}}</c>). Off the hot path: a record whose formatter threw is filled from it
/// as far as its values go (escapes unescaped, as MEL writes them), and a record keeps a template only when MEL accepts it.
/// </summary>
internal sealed partial class MessageTemplate
{
    /// <summary>The template as MEL parses it, or null when MEL refuses it (its state throws <see cref="FormatException"/>).</summary>
    /// <remarks>Read once per text, as <see cref="For"/> is: the answer, a refusal too, is kept with the text's entry.</remarks>
    public static MessageTemplate? ForMel(string template) => Lookup(template).Mel;

    /// <summary>
    /// MEL's reading: a hole opens at the last <c>{</c> of the first run of an odd number of them and closes at the first
    /// <c>}</c> of the next run of an odd number of them; its name runs to the first <c>,</c> or <c>:</c> (it may be
    /// empty); the text between holes is .NET composite-format text, where a doubled brace is one. MEL turns the holes
    /// into numbered ones and hands the result to <see cref="CompositeFormat.Parse"/>, which refuses what .NET's
    /// formatting would (a lone brace, an alignment that is no number or not below 1,000,000, a brace in a format): so
    /// does this, with the same call.
    /// </summary>
    internal static MessageTemplate? ParseAsMel(string template)
    {
        var composite = new StringBuilder(template.Length + 8);
        var parts = new List<Part>();
        var holes = 0;
        var scan = 0;
        while (scan < template.Length)
        {
            var open = FindRun(template, '{', scan, last: true);
            var close = open < template.Length ? FindRun(template, '}', open, last: false) : template.Length;
            if (close == template.Length)
            {
                composite.Append(template, scan, template.Length - scan);
                if (!AddLiteral(parts, template.AsSpan(scan)))
                {
                    return null;
                }

                break;
            }

            var hole = template.AsSpan(open, close - open);
            var delimiter = hole.IndexOfAny(',', ':');
            var rest = delimiter < 0 ? ReadOnlySpan<char>.Empty : hole[delimiter..];
            composite.Append(template, scan, open - scan + 1).Append(holes.ToString(CultureInfo.InvariantCulture)).Append(rest).Append('}');
            if (!AddLiteral(parts, template.AsSpan(scan, open - scan)) || !TryReadSpecifiers(rest, out var alignment, out var format))
            {
                return null;
            }

            parts.Add(Part.Hole(template[open..(close + 1)], format, alignment));
            holes++;
            scan = close + 1;
        }

        try
        {
            _ = CompositeFormat.Parse(composite.ToString());
        }
        catch (FormatException)
        {
            return null;
        }

        return new MessageTemplate([.. parts], holes);
    }

    /// <summary>
    /// Where the first run of an odd number of <paramref name="brace"/> from <paramref name="start"/> is (a run of an even
    /// number is escaped text): its last brace for an opening one, its first for a closing one; a run that ends the text
    /// counts whatever its length. The text's length when there is none.
    /// </summary>
    private static int FindRun(string template, char brace, int start, bool last)
    {
        var i = start;
        while (i < template.Length)
        {
            if (template[i] != brace)
            {
                i++;
                continue;
            }

            var end = i;
            while (end < template.Length && template[end] == brace)
            {
                end++;
            }

            if (end == template.Length || (end - i) % 2 == 1)
            {
                return last ? end - 1 : i;
            }

            i = end;
        }

        return template.Length;
    }

    /// <summary>Adds composite-format text, each doubled brace written once; false for a lone brace (.NET refuses it).</summary>
    private static bool AddLiteral(List<Part> parts, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        var literal = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '{' or '}')
            {
                if (i + 1 >= text.Length || text[i + 1] != c)
                {
                    return false;
                }

                i++;
            }

            literal.Append(c);
        }

        parts.Add(Part.Text(literal.ToString()));
        return true;
    }

    /// <summary>A hole's <c>,alignment</c> and <c>:format</c>, as .NET reads them after the hole's number.</summary>
    private static bool TryReadSpecifiers(ReadOnlySpan<char> rest, out int alignment, out string? format)
    {
        alignment = 0;
        format = null;
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            format = rest[(colon + 1)..].ToString();
            rest = rest[..colon];
        }

        return rest.IsEmpty ||
            int.TryParse(rest[1..], NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out alignment);
    }
}
