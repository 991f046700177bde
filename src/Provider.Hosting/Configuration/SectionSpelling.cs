using Microsoft.Extensions.Configuration;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Finds configuration sections meant for LoguStyle that it never reads: a misspelt name under <c>Logging</c>
/// (<c>Logging:LoguStlye</c>, which MEL ignores as the section of a provider it does not know) or a LoguStyle section
/// beside <c>Logging</c> instead of inside it. Each is a warning, not an error: a section under <c>Logging</c> may belong to
/// another provider, and its name alone cannot prove a typo; a line on stderr at start-up is enough to end a silent
/// "why are my sinks not used?".
/// </summary>
internal static class SectionSpelling
{
    private const string Name = "LoguStyle";

    /// <summary>Typos of this many edits (a letter added, dropped, changed, or two swapped) are reported.</summary>
    private const int MaxEdits = 2;

    /// <summary>One warning per such section of <paramref name="root"/>, naming its key path.</summary>
    public static IEnumerable<string> Warnings(IConfiguration root)
    {
        foreach (var section in root.GetChildren())
        {
            if (IsMeant(section.Key, exactToo: true))
            {
                // Worded without a leading key path: stderr puts "LoguStyle: " before every problem, and this path is
                // often "LoguStyle" itself.
                yield return $"the section '{section.Path}' beside Logging, named like LoguStyle's, is not read; LoguStyle reads {LoguStyleConfigurationReader.SectionPath}. Move it inside Logging as LoguStyle.";
            }
        }

        foreach (var section in root.GetSection("Logging").GetChildren())
        {
            if (IsMeant(section.Key, exactToo: false))
            {
                yield return $"{section.Path}: not read; LoguStyle reads {LoguStyleConfigurationReader.SectionPath}. Did you mean '{Name}'?";
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is LoguStyle's name misspelt (or, with <paramref name="exactToo"/>, spelt right).</summary>
    public static bool IsMeant(string key, bool exactToo)
    {
        var edits = Distance(key.ToUpperInvariant(), Name.ToUpperInvariant());
        return edits <= MaxEdits && (exactToo || edits > 0);
    }

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
