using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>The names, icons and colours of the seven level slots, defaults overlaid with the configured styles.</summary>
internal sealed partial class LevelTable
{
    private readonly string[] _names;
    private readonly string[] _icons;
    private readonly string[] _sgr;

    private LevelTable(string[] names, string[] icons, string[] sgr)
    {
        _names = names;
        _icons = icons;
        _sgr = sgr;
    }

    public static LevelTable Default { get; } = From(new Dictionary<LogLevel, LevelStyle>());

    /// <summary>Builds the table; throws <see cref="ArgumentException"/> for a colour that is not opening markup tags.</summary>
    public static LevelTable From(IDictionary<LogLevel, LevelStyle> styles)
    {
        var names = new string[LevelStyles.Count];
        var icons = new string[LevelStyles.Count];
        var sgr = new string[LevelStyles.Count];
        for (var i = 0; i < LevelStyles.Count; i++)
        {
            var level = (LogLevel)i;
            styles.TryGetValue(level, out var style);
            names[i] = style?.Name ?? LevelStyles.Name(level);
            icons[i] = style?.Icon ?? LevelStyles.Icon(level);
            sgr[i] = style?.Color is { } color ? ParseColor(color) : LevelStyles.SgrFor(level);
        }

        return new LevelTable(names, icons, sgr);
    }

    /// <summary>Turns opening tags (<c>"&lt;yellow&gt;&lt;bold&gt;"</c>) into SGR parameters (<c>"33;1"</c>).</summary>
    public static string ParseColor(string markup)
    {
        var tags = Tag().Matches(markup);
        if (tags.Count == 0 || Tag().Replace(markup, string.Empty).Trim().Length > 0)
        {
            throw new ArgumentException($"'{markup}' is not a colour; accepted: opening tags such as \"<yellow><bold>\", \"<fg #ff8800>\", \"<RED>\".", nameof(markup));
        }

        return string.Join(';', tags.Select(tag => AnsiPalette.Resolve(tag.Groups[1].Value)
            ?? throw new ArgumentException($"'{markup}' has an unknown tag '<{tag.Groups[1].Value}>'; accepted: {AnsiPalette.Accepted}.", nameof(markup))));
    }

    public string Name(LogLevel level) => _names[Index(level)];

    public string Icon(LogLevel level) => _icons[Index(level)];

    public string Sgr(LogLevel level) => _sgr[Index(level)];

    private static int Index(LogLevel level) => (uint)level < LevelStyles.Count ? (int)level : LevelStyles.Count - 1;

    [GeneratedRegex("<([^<>/]+)>")]
    private static partial Regex Tag();
}
