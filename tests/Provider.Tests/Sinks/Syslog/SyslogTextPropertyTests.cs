using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Sinks.Syslog;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// Property tests of the syslog text rules: an SD value escaped per RFC 5424 6.3.3 reads back to itself and never ends
/// its quotes or element early; a cut on a UTF-8 boundary keeps whole characters only; header fields stay printable
/// ASCII within their limit.
/// </summary>
public class SyslogTextPropertyTests
{
    private const int Runs = 2_000;

    // Strings heavy in the characters that matter here: the escaped three, quotes' neighbours, multi-byte characters
    // (2, 3 and 4 bytes in UTF-8) and control characters.
    private static Arbitrary<string> Tricky { get; } =
        Gen.ListOf(Gen.Elements("\"", "\\", "]", "[", "=", " ", "a", "Z", "\u00e9", "\u20ac", "\U0001F600", "\n", "\0", "\u00ff"))
            .Select(parts => string.Concat(parts)).ToArbitrary();

    // Reads back as the value, each control character as its visible escape (\x0A, \x00), and holds no bare special
    // nor any control character.
    [Property(MaxTest = Runs)]
    public Property ParamValue_Escaped_ReadsBackAndHasNoBareSpecials() =>
        Prop.ForAll(Tricky, value =>
        {
            var buffer = new Utf8Buffer(64);
            SyslogText.WriteParamValue(buffer, value);
            var escaped = Encoding.UTF8.GetString(buffer.WrittenSpan);
            var visible = string.Concat(value.Select(c => char.IsControl(c) ? (c < 0x80 ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}") : c.ToString()));
            return Unescape(escaped, out var bare) == visible && !bare && !escaped.Any(char.IsControl);
        });

    [Property(MaxTest = Runs)]
    public Property Utf8Prefix_AnyStringAnyLimit_WholeCharactersOnlyAndAtMostThreeBytesShort() =>
        Prop.ForAll(Tricky, ArbMap.Default.ArbFor<NonNegativeInt>(), (text, limit) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var max = limit.Get % (bytes.Length + 2);
            var cut = SyslogText.Utf8Prefix(bytes, max);
            var decoded = Encoding.UTF8.GetString(bytes, 0, cut);
            return cut <= Math.Max(max, 0) && (cut == bytes.Length || cut > max - 4) && text.StartsWith(decoded, StringComparison.Ordinal)
                && Encoding.UTF8.GetByteCount(decoded) == cut;
        });

    [Property(MaxTest = Runs)]
    public Property Field_AnyString_PrintableAsciiWithinLimit() =>
        Prop.ForAll(Tricky, Gen.Choose(1, 48).ToArbitrary(), (text, max) =>
        {
            var buffer = new Utf8Buffer(64);
            SyslogText.WriteField(buffer, text, max);
            var field = buffer.WrittenSpan;
            return field.Length >= 1 && field.Length <= max && field.ToArray().All(b => b is >= 33 and <= 126);
        });

    [Property(MaxTest = Runs)]
    public Property SdName_AnyString_HasOnlySdNameCharacters() =>
        Prop.ForAll(Tricky, text =>
        {
            var name = SyslogText.SdName(text);
            return name.Length is >= 1 and <= 32 && name.All(SyslogText.IsSdNameChar);
        });

    /// <summary>
    /// The name as the rule says, character by character (the writer copies a name that is already valid at once): each
    /// character an SD-NAME may not hold as <c>_</c>, a surrogate pair as one, cut at 32, empty as <c>_</c>.
    /// </summary>
    [Property(MaxTest = Runs)]
    public Property SdName_AnyString_IsTheRuleAppliedToEachCharacter() =>
        Prop.ForAll(Gen.OneOf(Tricky.Generator, Gen.Elements("UserId", "T", "I", "a.b-c_d", new string('n', 32), new string('n', 33), "a=b", "x y")).ToArbitrary(), text =>
        {
            var expected = new StringBuilder();
            for (var i = 0; i < (text?.Length ?? 0) && expected.Length < 32; i++)
            {
                expected.Append(SyslogText.IsSdNameChar(text![i]) ? text[i] : '_');
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
            }

            return SyslogText.SdName(text) == (expected.Length == 0 ? "_" : expected.ToString());
        });

    // Reads a PARAM-VALUE as a receiver does; bare is true when a '"' or ']' was not escaped (it would end the value).
    private static string Unescape(string escaped, out bool bare)
    {
        bare = false;
        var text = new StringBuilder();
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length && escaped[i + 1] is '"' or '\\' or ']')
            {
                text.Append(escaped[++i]);
                continue;
            }

            bare |= escaped[i] is '"' or ']' or '\\';
            text.Append(escaped[i]);
        }

        return text.ToString();
    }
}
