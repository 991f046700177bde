using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LoguStyle.Files;

/// <summary>
/// The regex of exactly the texts a .NET date and time format produces for a <see cref="DateTimeOffset"/> in the
/// invariant culture: <c>yyyy-MM-dd</c> becomes <c>\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])</c>. A sink's
/// <c>{time:format}</c> token is matched with it, so retention and recovery take a file for the sink's only when the
/// format could have written its name (<c>app_audit.log</c> is not <c>app_{time:yyyy-MM-dd}.log</c>). Follows the
/// tokenizer of .NET's custom format strings: runs of one letter, quotes, <c>\</c> and <c>%</c>.
/// </summary>
internal static class TimeFormatPattern
{
    private const string Month2 = "(?:0[1-9]|1[0-2])";
    private const string Day2 = "(?:0[1-9]|[12][0-9]|3[01])";
    private const string Offset = "[+-][0-9]{2}:[0-9]{2}";

    private static readonly DateTimeFormatInfo Invariant = DateTimeFormatInfo.InvariantInfo;

    /// <summary>The regex (a fragment, no anchors or groups) of what <paramref name="format"/> writes.</summary>
    /// <exception cref="FormatException">.NET rejects the format.</exception>
    public static string For(string format) => For(format, null);

    /// <summary>
    /// True when what <paramref name="format"/> writes names one instant to within its precision: a year, a month and
    /// a day of the month are in it (a name with only a time of day, <c>HH-mm-ss</c>, names a time on any day).
    /// </summary>
    public static bool NamesADate(string format)
    {
        var specifiers = new HashSet<char>();
        _ = For(format, specifiers);
        return specifiers.Contains('y') && specifiers.Contains('M') && specifiers.Contains('d');
    }

    /// <summary>True when what <paramref name="format"/> writes carries its offset from UTC (<c>zzz</c>, <c>K</c>).</summary>
    public static bool HasOffset(string format)
    {
        var specifiers = new HashSet<char>();
        _ = For(format, specifiers);
        return specifiers.Contains('z') || specifiers.Contains('K');
    }

    private static string For(string format, HashSet<char>? specifiers)
    {
        ArgumentException.ThrowIfNullOrEmpty(format);
        if (format.Length == 1)
        {
            // A standard format ("s", "o", "u"...): its invariant pattern, as DateTimeOffset.ToString expands it.
            format = Invariant.GetAllDateTimePatterns(format[0])[0];
        }

        var pieces = new List<string>();
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            switch (c)
            {
                case '\'' or '"':
                    var end = i + 1;
                    var literal = new StringBuilder();
                    while (end < format.Length && format[end] != c)
                    {
                        if (format[end] == '\\' && end + 1 < format.Length)
                        {
                            end++;
                        }

                        literal.Append(format[end]);
                        end++;
                    }

                    if (end >= format.Length)
                    {
                        throw new FormatException($"'{format}' has a quote that is never closed.");
                    }

                    pieces.Add(Regex.Escape(literal.ToString()));
                    i = end + 1;
                    break;
                case '%' when i + 1 < format.Length && format[i + 1] != '%':
                    // "%d": the one letter as a custom specifier.
                    if (IsSpecifier(format[i + 1]))
                    {
                        pieces.Add(Specifier(format[i + 1], 1, pieces));
                        Note(specifiers, format[i + 1], 1);
                    }
                    else
                    {
                        pieces.Add(Regex.Escape(format[i + 1].ToString()));
                    }

                    i += 2;
                    break;
                case '\\' when i + 1 < format.Length:
                    pieces.Add(Regex.Escape(format[i + 1].ToString()));
                    i += 2;
                    break;
                case '%' or '\\':
                    throw new FormatException($"'{format}' ends with a lone '{c}'.");
                default:
                    var run = 1;
                    while (i + run < format.Length && format[i + run] == c)
                    {
                        run++;
                    }

                    if (IsSpecifier(c))
                    {
                        // 'K' is one specifier per letter, the others take the whole run.
                        var count = c == 'K' ? 1 : run;
                        pieces.Add(Specifier(c, count, pieces));
                        Note(specifiers, c, count);
                        i += count;
                    }
                    else
                    {
                        pieces.Add(Regex.Escape(c switch
                        {
                            ':' => Invariant.TimeSeparator,
                            '/' => Invariant.DateSeparator,
                            _ => c.ToString(),
                        }));
                        i++;
                    }

                    break;
            }
        }

        return string.Concat(pieces);
    }

    // "ddd" and "dddd" write a day's name, not the day of the month; "zz" and "z" only whole hours, but an offset still.
    private static void Note(HashSet<char>? specifiers, char c, int count)
    {
        if (specifiers is not null && (c != 'd' || count <= 2))
        {
            specifiers.Add(c);
        }
    }

    private static bool IsSpecifier(char c) => c is 'd' or 'f' or 'F' or 'g' or 'h' or 'H' or 'K' or 'm' or 'M' or 's' or 't' or 'y' or 'z';

    private static string Specifier(char c, int count, List<string> before) => c switch
    {
        'd' => count switch
        {
            1 => "(?:[1-9]|[12][0-9]|3[01])",
            2 => Day2,
            3 => Names(Invariant.AbbreviatedDayNames),
            _ => Names(Invariant.DayNames),
        },
        'M' => count switch
        {
            1 => "(?:[1-9]|1[0-2])",
            2 => Month2,
            3 => Names(Invariant.AbbreviatedMonthNames),
            _ => Names(Invariant.MonthNames),
        },
        'y' => count switch
        {
            1 => "(?:[1-9]?[0-9])",
            2 => "[0-9]{2}",
            3 => "[0-9]{3,4}",
            _ => "[0-9]{" + count.ToString(CultureInfo.InvariantCulture) + "}",
        },
        'h' => count == 1 ? "(?:[1-9]|1[0-2])" : "(?:0[1-9]|1[0-2])",
        'H' => count == 1 ? "(?:1?[0-9]|2[0-3])" : "(?:[01][0-9]|2[0-3])",
        'm' or 's' => count == 1 ? "[1-5]?[0-9]" : "[0-5][0-9]",
        'f' when count <= 7 => "[0-9]{" + count.ToString(CultureInfo.InvariantCulture) + "}",
        'F' when count <= 7 => TrimmedFraction(count, before),
        't' => count == 1 ? "[AP]" : "(?:AM|PM)",
        'z' => count switch
        {
            1 => "[+-]1?[0-9]",
            2 => "[+-][0-9]{2}",
            _ => Offset,
        },

        // A DateTimeOffset always has an offset: K writes it as zzz does.
        'K' => Offset,
        'g' => Regex.Escape(Invariant.GetEraName(1)),
        _ => throw new FormatException($"'{new string(c, count)}' is not a date and time format specifier .NET accepts."),
    };

    /// <summary>
    /// "F" digits: trailing zeros dropped, nothing when all are zero; .NET then also drops a '.' just before them.
    /// </summary>
    private static string TrimmedFraction(int count, List<string> before)
    {
        var digits = "(?:[0-9]{0," + (count - 1).ToString(CultureInfo.InvariantCulture) + "}[1-9])";

        // Whatever wrote the '.' (a literal, a quote, the era "A.D."): pieces are escaped, so it ends the piece as "\.".
        if (before.Count > 0 && before[^1].EndsWith(@"\.", StringComparison.Ordinal))
        {
            before[^1] = before[^1][..^2];
            return @"(?:\." + digits + ")?";
        }

        return digits + "?";
    }

    private static string Names(string[] names) =>
        "(?:" + string.Join('|', names.Where(n => n.Length > 0).Select(Regex.Escape)) + ")";
}
