using System.Buffers;
using System.Globalization;
using System.Text;

namespace LoguStyle.Formatting;

/// <summary>
/// Makes record text safe for a terminal or a text file: C0 control characters other than tab and newline, DEL and
/// C1 controls become visible escapes (<c>\x1B</c>, <c>\u009B</c>), so a message cannot move the cursor, recolour the
/// terminal or rewrite a line. A carriage return is kept only as part of a CRLF pair.
/// </summary>
internal static class TextEscaper
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(BuildUnsafe());

    /// <summary>True when <paramref name="text"/> holds a character that <see cref="Escape"/> would change.</summary>
    public static bool NeedsEscaping(ReadOnlySpan<char> text) => text.ContainsAny(Unsafe);

    /// <summary>Returns <paramref name="text"/> with every unsafe character replaced by its visible escape.</summary>
    public static string Escape(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!Unsafe.Contains(c) || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                builder.Append(c);
            }
            else if (c < 0x80)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return builder.ToString();
    }

    private static char[] BuildUnsafe()
    {
        var chars = new List<char>();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not '\t' and not '\n')
            {
                chars.Add(c);
            }
        }

        chars.Add('\u007F');
        for (var c = '\u0080'; c <= '\u009F'; c++)
        {
            chars.Add(c);
        }

        return [.. chars];
    }
}
