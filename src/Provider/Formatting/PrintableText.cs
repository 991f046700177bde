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
        for (var i = 0; i < text.Length; i += Width(text, i))
        {
            if (Kind(text, i) is { } what)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{what} U+{(int)text[i]:X4}");
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
        for (var i = 0; i < text.Length; i += Width(text, i))
        {
            if (Kind(text, i) is null)
            {
                escaped.Append(text, i, Width(text, i));
            }
            else
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
        }

        return escaped.ToString();
    }

    // What the character at index is, when it is not written raw; null for any other (a surrogate pair included).
    private static string? Kind(string text, int index)
    {
        var c = text[index];
        return char.IsControl(c) ? "the control character"
            : char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? "the line break"
            : char.IsSurrogate(c) && Width(text, index) == 1 ? "the lone surrogate"
            : null;
    }

    // 2 for a surrogate pair, else 1.
    private static int Width(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
