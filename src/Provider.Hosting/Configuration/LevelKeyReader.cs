using LoguStyle.Formatting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Reads the <c>Levels</c> section: per level, its <c>Name</c>, <c>Color</c> (markup) and <c>Icon</c>; under <c>Custom</c>,
/// the custom levels by name, each with its <c>Base</c>, <c>Color</c> and <c>Icon</c>.
/// </summary>
internal static class LevelKeyReader
{
    private const string AcceptedLevels = "Trace, Debug, Information, Warning, Error, Critical, Custom";
    private const string AcceptedBases = "Trace, Debug, Information, Warning, Error, Critical";
    private const string ColorExpected = "a colour; accepted: " + LevelTable.ColorAccepted;

    public static void Apply(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors)
    {
        // "" and null read as {} (no change), as for every key whose value is an object.
        if (section.Value is { Length: > 0 })
        {
            errors.Add($"{PathOf(section)}: '{section.Value}' is a value, but Levels must be an object of levels, e.g. {{ \"Warning\": {{ \"Color\": \"<magenta>\" }} }}.");
            return;
        }

        foreach (var levelSection in section.GetChildren())
        {
            if (string.Equals(levelSection.Key, "Custom", StringComparison.OrdinalIgnoreCase))
            {
                ApplyCustom(levelSection, options, errors);
                continue;
            }

            if (!Enum.TryParse<LogLevel>(levelSection.Key, ignoreCase: true, out var level) || level == LogLevel.None ||
                levelSection.Key.Any(char.IsAsciiDigit))
            {
                errors.Add($"{PathOf(levelSection)}: '{levelSection.Key}' is not a level; accepted: {AcceptedLevels}.");
                continue;
            }

            if (levelSection.Value is { Length: > 0 } plain)
            {
                // "Warning": "WARN" would change nothing; the user meant a Name, so say how to give one.
                errors.Add($"{PathOf(levelSection)}: '{plain}' is a value, but a level is an object, e.g. {{ \"Name\": \"{plain}\", \"Color\": \"<magenta>\", \"Icon\": \"!\" }}; accepted keys: Name, Color, Icon.");
                continue;
            }

            // A style set in code is copied before it is changed, so each build starts from it as code set it.
            var style = options.Levels.TryGetValue(level, out var declared)
                ? new LevelStyle { Name = declared.Name, Color = declared.Color, Icon = declared.Icon }
                : new LevelStyle();
            options.Levels[level] = style;

            foreach (var key in levelSection.GetChildren())
            {
                switch (key.Key.ToUpperInvariant())
                {
                    case "NAME":
                        if (ReadValue(key, "a level name; accepted: any text, e.g. \"WARN\"", errors) is { } name)
                        {
                            if (string.IsNullOrWhiteSpace(name))
                            {
                                // Said here, by its key and value: the engine's check would name the option as code's.
                                errors.Add($"{PathOf(key)}: '{name}' is only white space; accepted: the name to write, e.g. \"WARN\", or leave Name out to keep {LevelStyles.Name(level)}.");
                            }
                            else if (LevelStyles.ControlProblem(name) is { } why)
                            {
                                errors.Add($"{PathOf(key)}: the value {why}");
                            }
                            else
                            {
                                style.Name = name;
                            }
                        }

                        break;
                    case "ICON":
                        // Any printable text, the empty one included (no icon).
                        style.Icon = ReadIcon(key, errors) ?? style.Icon;
                        break;
                    case "COLOR":
                        style.Color = ReadColor(key, errors) ?? style.Color;
                        break;
                    default:
                        errors.Add($"{PathOf(key)}: unknown key '{key.Key}' for a level; accepted: Name, Color, Icon.");
                        break;
                }
            }
        }
    }

    /// <summary>A level's <c>Icon</c>: any printable text, the empty one included (no icon); null after an error.</summary>
    private static string? ReadIcon(IConfigurationSection key, List<string> errors)
    {
        if (ReadText(key, "a text", errors) is not { } icon)
        {
            return null;
        }

        if (LevelStyles.ControlProblem(icon) is { } why)
        {
            errors.Add($"{PathOf(key)}: the value {why}");
            return null;
        }

        return icon;
    }

    /// <summary>
    /// <c>Levels:Custom</c>: <c>{ "SUCCESS": { "Base": "Information", "Color": "&lt;green&gt;&lt;bold&gt;", "Icon": "✔" } }</c>.
    /// A level that does not validate is reported under its key and left out, so the engine's checks do not report it again.
    /// </summary>
    private static void ApplyCustom(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors)
    {
        if (section.Value is { Length: > 0 })
        {
            errors.Add($"{PathOf(section)}: '{section.Value}' is a value, but Custom must be an object of levels by name, e.g. {{ \"NOTICE\": {{ \"Base\": \"Information\" }} }}.");
            return;
        }

        foreach (var entry in section.GetChildren())
        {
            if (entry.Value is { Length: > 0 } plain)
            {
                // "NOTICE": "Warning" reads as a level with every default; the user meant a base, so say how to give one.
                errors.Add($"{PathOf(entry)}: '{plain}' is a value, but a custom level is an object, e.g. {{ \"Base\": \"Warning\", \"Color\": \"<cyan>\", \"Icon\": \"!\" }} ({{}} for every default).");
                continue;
            }

            // A level declared in code is copied before it is changed, so each build starts from it as code declared it.
            var level = options.CustomLevels.TryGetValue(entry.Key, out var declared)
                ? new CustomLevel { Base = declared.Base, Color = declared.Color, Icon = declared.Icon }
                : new CustomLevel();
            var valid = true;
            foreach (var key in entry.GetChildren())
            {
                switch (key.Key.ToUpperInvariant())
                {
                    case "BASE":
                        var value = ReadValue(key, $"a level; accepted: {AcceptedBases}", errors)?.Trim();
                        if (value is null)
                        {
                            valid = false;
                        }
                        else if (Enum.TryParse<LogLevel>(value, ignoreCase: true, out var baseLevel) && baseLevel != LogLevel.None && !value.Any(char.IsAsciiDigit))
                        {
                            level.Base = baseLevel;
                        }
                        else
                        {
                            errors.Add($"{PathOf(key)}: '{value}' is not a level; accepted: {AcceptedBases}.");
                            valid = false;
                        }

                        break;
                    case "COLOR":
                        // Checked here, as a level's Color is, so the error names the key itself (Levels:Custom:X:Color).
                        if (ReadColor(key, errors) is { } color)
                        {
                            level.Color = color;
                        }
                        else
                        {
                            valid = false;
                        }

                        break;
                    case "ICON":
                        // Any printable text, the empty one included (no icon); refused under its own key.
                        if (ReadIcon(key, errors) is { } icon)
                        {
                            level.Icon = icon;
                        }
                        else
                        {
                            valid = false;
                        }

                        break;
                    default:
                        errors.Add($"{PathOf(key)}: unknown key '{key.Key}' for a custom level; accepted: Base, Color, Icon.");
                        valid = false;
                        break;
                }
            }

            if (!valid)
            {
                continue;
            }

            if (LevelRegistry.Problem(entry.Key, level) is { } problem)
            {
                errors.Add($"{PathOf(entry)}: {problem}");
                continue;
            }

            options.CustomLevels[entry.Key] = level;
        }
    }

    /// <summary>A level's <c>Color</c> markup, checked: null (and an error naming the key, the value and the accepted tags) when it does not parse.</summary>
    private static string? ReadColor(IConfigurationSection key, List<string> errors)
    {
        if (ReadValue(key, ColorExpected, errors) is not { } value)
        {
            return null;
        }

        try
        {
            _ = LevelTable.ParseColor(value);
            return value;
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{PathOf(key)}: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }
    }
}
