using LoguStyle.Formatting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>Reads the <c>Levels</c> section: per level, its <c>Name</c>, <c>Color</c> (markup) and <c>Icon</c>.</summary>
internal static class LevelKeyReader
{
    private const string AcceptedLevels = "Trace, Debug, Information, Warning, Error, Critical";

    public static void Apply(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors)
    {
        if (section.Value is not null)
        {
            errors.Add($"{PathOf(section)}: '{section.Value}' is a value, but Levels must be an object of levels, e.g. {{ \"Warning\": {{ \"Color\": \"<magenta>\" }} }}.");
            return;
        }

        foreach (var levelSection in section.GetChildren())
        {
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
}
