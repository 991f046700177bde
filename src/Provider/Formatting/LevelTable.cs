using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>
/// The names, icons and colours of the level slots: MEL's six levels and None (defaults overlaid with the configured
/// styles), then one slot per custom level of the provider (SUCCESS first). A template compiles its level bytes per slot.
/// </summary>
internal sealed partial class LevelTable
{
    private readonly string[] _names;
    private readonly string[] _shortNames;
    private readonly string[] _icons;
    private readonly string[] _sgr;

    // Custom level name (ignoring case) -> slot; null when the table has no custom levels.
    private readonly Dictionary<string, int>? _custom;

    private LevelTable(string[] names, string[] shortNames, string[] icons, string[] sgr, Dictionary<string, int>? custom)
    {
        _names = names;
        _shortNames = shortNames;
        _icons = icons;
        _sgr = sgr;
        _custom = custom;
    }

    public static LevelTable Default { get; } = From(new Dictionary<LogLevel, LevelStyle>());

    /// <summary>The number of slots: <see cref="LevelStyles.Count"/> and one per custom level.</summary>
    public int Count => _names.Length;

    /// <summary>Builds the table with SUCCESS only; throws <see cref="ArgumentException"/> for a colour that is not opening markup tags.</summary>
    public static LevelTable From(IDictionary<LogLevel, LevelStyle> styles) => From(styles, new Dictionary<string, CustomLevel>());

    /// <summary>Builds the table; throws <see cref="ArgumentException"/> for a colour that is not opening markup tags.</summary>
    public static LevelTable From(IDictionary<LogLevel, LevelStyle> styles, IDictionary<string, CustomLevel> customLevels)
    {
        var custom = new List<(string Name, CustomLevel Level)> { (LevelRegistry.Success, LevelRegistry.SuccessDefaults) };
        foreach (var (name, level) in customLevels)
        {
            var success = string.Equals(name, LevelRegistry.Success, StringComparison.OrdinalIgnoreCase);
            if (success)
            {
                // SUCCESS restyled: what is left unset keeps Loguru's style.
                var defaults = LevelRegistry.SuccessDefaults;
                custom[0] = (LevelRegistry.Success, new CustomLevel { Base = level.Base, Color = level.Color ?? defaults.Color, Icon = level.Icon ?? defaults.Icon });
            }
            else
            {
                custom.Add((name, level));
            }
        }

        var count = LevelStyles.Count + custom.Count;
        var names = new string[count];
        var shortNames = new string[count];
        var icons = new string[count];
        var sgr = new string[count];
        for (var i = 0; i < LevelStyles.Count; i++)
        {
            var level = (LogLevel)i;
            styles.TryGetValue(level, out var style);
            names[i] = style?.Name ?? LevelStyles.Name(level);
            shortNames[i] = LevelStyles.ShortName(level);
            icons[i] = style?.Icon ?? LevelStyles.Icon(level);
            sgr[i] = style?.Color is { } color ? ParseColor(color) : LevelStyles.SgrFor(level);
        }

        var slots = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < custom.Count; c++)
        {
            var (name, level) = custom[c];
            var slot = LevelStyles.Count + c;
            slots[name] = slot;
            names[slot] = name;

            // Loguru has no short form for its custom levels; {level:u3} writes the name's first three letters.
            shortNames[slot] = name.Length <= 3 ? name.ToUpperInvariant() : name[..3].ToUpperInvariant();
            icons[slot] = level.Icon ?? string.Empty;
            sgr[slot] = level.Color is { } color ? ParseColor(color) : sgr[Index(level.Base)];
        }

        return new LevelTable(names, shortNames, icons, sgr, slots);
    }

    /// <summary>What a level's colour accepts, as the errors for a wrong or an empty one name it.</summary>
    public const string ColorAccepted = "opening tags such as \"<yellow><bold>\", \"<fg #ff8800>\", \"<RED>\"";

    /// <summary>Turns opening tags (<c>"&lt;yellow&gt;&lt;bold&gt;"</c>) into SGR parameters (<c>"33;1"</c>).</summary>
    public static string ParseColor(string markup)
    {
        var tags = Tag().Matches(markup);
        if (tags.Count == 0 || Tag().Replace(markup, string.Empty).Trim().Length > 0)
        {
            throw new ArgumentException($"'{markup}' is not a colour; accepted: {ColorAccepted}.", nameof(markup));
        }

        return string.Join(';', tags.Select(tag => AnsiPalette.Resolve(tag.Groups[1].Value)
            ?? throw new ArgumentException($"'{markup}' has an unknown tag '<{tag.Groups[1].Value}>'; accepted: {AnsiPalette.Accepted}.", nameof(markup))));
    }

    /// <summary>
    /// The slot a record is written with: its custom level's, else its MEL level's. A custom level this provider does not
    /// define (another provider in the process does) is written as its base level.
    /// </summary>
    public int SlotOf(LogRecord record) =>
        record.LevelName is { } name && _custom is not null && _custom.TryGetValue(name, out var slot) ? slot : Index(record.Level);

    public string Name(LogLevel level) => _names[Index(level)];

    public string Icon(LogLevel level) => _icons[Index(level)];

    public string Sgr(LogLevel level) => _sgr[Index(level)];

    public string Name(int slot) => _names[slot];

    public string ShortName(int slot) => _shortNames[slot];

    public string Icon(int slot) => _icons[slot];

    public string Sgr(int slot) => _sgr[slot];

    private static int Index(LogLevel level) => (uint)level < LevelStyles.Count ? (int)level : LevelStyles.Count - 1;

    [GeneratedRegex("<([^<>/]+)>")]
    private static partial Regex Tag();
}
