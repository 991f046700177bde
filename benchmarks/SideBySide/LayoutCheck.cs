using System.Text;

namespace LoguStyle.SideBySide;

/// <summary>
/// Checks that every provider wrote the same layout, so an unfair setup (a shorter timestamp, a level name of another
/// width, quotes around values, another line end) cannot creep back into a comparison.
/// </summary>
internal static class LayoutCheck
{
    /// <summary>
    /// Every digit becomes 0, so times and counters compare equal while a field's width and punctuation still count:
    /// <c>09:10:00.1234</c> (four fractional digits) differs from <c>09:10:00.123</c>.
    /// </summary>
    public static string Normalise(string line)
    {
        var text = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            text.Append(char.IsAsciiDigit(c) ? '0' : c);
        }

        return text.ToString();
    }

    /// <summary>
    /// Compares the normalised first and last record line of each provider's output. Returns null when they all agree,
    /// or a report that shows every provider's lines.
    /// </summary>
    public static string? Differences(IReadOnlyList<(string Provider, string? First, string? Last)> outputs)
    {
        if (outputs.Count == 0)
        {
            return null;
        }

        var firsts = outputs.Select(o => o.First is null ? null : Normalise(o.First)).Distinct().Count();
        var lasts = outputs.Select(o => o.Last is null ? null : Normalise(o.Last)).Distinct().Count();
        if (firsts == 1 && lasts == 1)
        {
            return null;
        }

        var report = new StringBuilder("The providers wrote different layouts (digits shown as 0):\n");
        foreach (var (provider, first, last) in outputs)
        {
            report.Append("  ").Append(provider).Append('\n')
                .Append("    first: ").Append(first is null ? "(no record)" : Normalise(first)).Append('\n')
                .Append("    last:  ").Append(last is null ? "(no record)" : Normalise(last)).Append('\n');
        }

        return report.ToString();
    }
}
