using System.Globalization;

namespace LoguStyle.Formatting;

/// <summary>Maps colour-markup tag names to ANSI SGR parameters.</summary>
internal static class AnsiPalette
{
    private static readonly string[] ColorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

    private static readonly Dictionary<string, string> Styles = new(StringComparer.Ordinal)
    {
        ["bold"] = "1",
        ["dim"] = "2",
        ["italic"] = "3",
        ["underline"] = "4",
    };

    /// <summary>The tag names accepted, for error messages.</summary>
    public const string Accepted =
        "<red> <green> <yellow> <blue> <magenta> <cyan> <white> <black> and their light- variants (foreground), " +
        "the same names in UPPER case (background), <bold> <dim> <italic> <underline>, <fg name|#rrggbb>, " +
        "<bg name|#rrggbb>, <level>, and </> or </name> to close";

    /// <summary>Resolves a tag's inner text (without brackets) to SGR parameters, or null when it is not a known tag.</summary>
    public static string? Resolve(string tag)
    {
        if (Styles.TryGetValue(tag, out var style))
        {
            return style;
        }

        if (tag.StartsWith("fg ", StringComparison.Ordinal))
        {
            return ResolveColor(tag[3..].Trim(), background: false);
        }

        if (tag.StartsWith("bg ", StringComparison.Ordinal))
        {
            return ResolveColor(tag[3..].Trim(), background: true);
        }

        if (IsAllLower(tag))
        {
            return ResolveNamed(tag, background: false);
        }

        if (IsAllUpper(tag))
        {
            return ResolveNamed(tag.ToLowerInvariant(), background: true);
        }

        return null;
    }

    private static string? ResolveColor(string color, bool background)
    {
        if (color.Length == 7 && color[0] == '#' &&
            int.TryParse(color.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            var r = (rgb >> 16) & 0xFF;
            var g = (rgb >> 8) & 0xFF;
            var b = rgb & 0xFF;
            return string.Create(CultureInfo.InvariantCulture, $"{(background ? 48 : 38)};2;{r};{g};{b}");
        }

        return IsAllLower(color) ? ResolveNamed(color, background) : null;
    }

    private static string? ResolveNamed(string name, bool background)
    {
        var light = name.StartsWith("light-", StringComparison.Ordinal);
        var baseName = light ? name["light-".Length..] : name;
        var index = Array.IndexOf(ColorNames, baseName);
        if (index < 0)
        {
            return null;
        }

        var code = (background ? 40 : 30) + (light ? 60 : 0) + index;
        return code.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsAllLower(string s)
    {
        foreach (var c in s)
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static bool IsAllUpper(string s)
    {
        foreach (var c in s)
        {
            if (char.IsLower(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }
}
