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

    public static void Apply(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors)
    {
        if (section.Value is not null)
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

            // A style set in code is copied before it is changed, so each build starts from it as code set it.
            var style = options.Levels.TryGetValue(level, out var declared)
                ? new LevelStyle { Name = declared.Name, Color = declared.Color, Icon = declared.Icon }
                : new LevelStyle();
            options.Levels[level] = style;

            foreach (var key in levelSection.GetChildren())
            {
                var value = ReadValue(key, "a value", errors);
                switch (key.Key.ToUpperInvariant())
                {
                    case "NAME":
                        style.Name = value ?? style.Name;
                        break;
                    case "ICON":
                        style.Icon = value ?? style.Icon;
                        break;
                    case "COLOR":
                        if (value is not null)
                        {
                            try
                            {
                                _ = LevelTable.ParseColor(value);
                                style.Color = value;
                            }
                            catch (ArgumentException ex)
                            {
                                errors.Add($"{PathOf(key)}: {ex.Message.Split(" (Parameter", 2)[0]}");
                            }
                        }

                        break;
                    default:
                        errors.Add($"{PathOf(key)}: unknown key '{key.Key}' for a level; accepted: Name, Color, Icon.");
                        break;
                }
            }
        }
    }

    /// <summary>
    /// <c>Levels:Custom</c>: <c>{ "SUCCESS": { "Base": "Information", "Color": "&lt;green&gt;&lt;bold&gt;", "Icon": "✔" } }</c>.
    /// A level that does not validate is reported under its key and left out, so the engine's checks do not report it again.
    /// </summary>
    private static void ApplyCustom(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors)
    {
        if (section.Value is not null)
        {
            errors.Add($"{PathOf(section)}: '{section.Value}' is a value, but Custom must be an object of levels by name, e.g. {{ \"NOTICE\": {{ \"Base\": \"Information\" }} }}.");
            return;
        }

        foreach (var entry in section.GetChildren())
        {
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
                        var value = ReadValue(key, "a level", errors);
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
                        level.Color = ReadValue(key, "a value", errors) ?? level.Color;
                        break;
                    case "ICON":
                        level.Icon = ReadValue(key, "a value", errors) ?? level.Icon;
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
}
