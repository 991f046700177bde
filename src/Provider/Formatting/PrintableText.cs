using System.Globalization;

namespace LoguStyle.Formatting;

/// <summary>
/// Names the first character of a text that must not be written raw into a line (a level's name or icon, a sink's name):
/// a control character (a line break, an escape), a line or paragraph separator (viewers break lines there too) or a
/// lone surrogate (no character at all). Other characters, bidirectional and zero-width ones included, are written as
/// they are (record text keeps them too, see configuration.md's Safety).
/// </summary>
internal static class PrintableText
{
    /// <summary>The first such character of <paramref name="text"/>, as a phrase (<c>the control character U+000A</c>), or null.</summary>
    public static string? FirstUnprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return Describe("the control character", c);
            }

            if (char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return Describe("the line break", c);
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return Describe("the lone surrogate", c);
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="text"/> with each character <see cref="FirstUnprintable"/> would name written as <c>\uXXXX</c>, so
    /// an error can quote it on one line.
    /// </summary>
    public static string Escaped(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static string Describe(string what, char c) => string.Create(CultureInfo.InvariantCulture, $"{what} U+{(int)c:X4}");
}
