using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Parsing;
using Microsoft.Extensions.Configuration;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>Reads the keys only File sinks have: the grammar values (Rotation, Retention, Compression) and the switches.</summary>
internal static class FileSinkKeyReader
{
    /// <summary>Applies <paramref name="key"/> to <paramref name="file"/>; false when it is not a File key.</summary>
    public static bool TryApply(IConfigurationSection key, FileSinkOptions file, List<string> errors)
    {
        switch (key.Key.ToUpperInvariant())
        {
            case "PATH":
                if (IsEmpty(key))
                {
                    AddEmpty(key, $"the path '{file.Path}' of the sink added in code", errors, "leave the key out");
                }
                else if (key.Value is { } path && !string.Equals(path, file.Path, StringComparison.Ordinal))
                {
                    errors.Add($"{PathOf(key)}: '{path}' cannot replace the path '{file.Path}' of the sink added in code; use another sink name for another file.");
                }

                return true;
            case "ROTATION":
                file.Rotation = ReadConditions(key, Rotation.Parse, Rotation.Expected, Rotation.Any, "Rotation", "\"10 MB\" or [ \"00:00\", \"500 MB\" ]", errors) ?? file.Rotation;
                return true;
            case "RETENTION":
                file.Retention = ReadConditions(key, Retention.Parse, Retention.Expected, Retention.Any, "Retention", "\"1 GB\" or [ \"30 days\", \"1 GB\" ]", errors) ?? file.Retention;
                return true;
            case "COMPRESSION":
                file.Compression = ReadGrammar(key, Compression.Parse, Compression.Expected, errors) ?? file.Compression;
                return true;
            case "DELAY":
                file.Delay = ReadBool(key, errors) ?? file.Delay;
                return true;
            case "WATCH":
                file.Watch = ReadBool(key, errors) ?? file.Watch;
                return true;
            case "ROTATEONSHUTDOWN":
                file.RotateOnShutdown = ReadBool(key, errors) ?? file.RotateOnShutdown;
                return true;
            case "SHARED":
                file.Shared = ReadBool(key, errors) ?? file.Shared;
                return true;
            case "AUTOFLUSH":
                file.AutoFlush = ReadBool(key, errors) ?? file.AutoFlush;
                return true;
            case "MODE":
                file.Mode = ReadMode(key, errors) ?? file.Mode;
                return true;
            default:
                return false;
        }
    }

    /// <summary>One condition of a grammar, or an array of them combined by <paramref name="any"/> (Rotation, Retention).</summary>
    private static T? ReadConditions<T>(IConfigurationSection key, Func<string, T> parse, string expected, Func<T[], T> any, string name, string example, List<string> errors)
        where T : class
    {
        // An empty value (or an empty array) is the empty-value error, not "no condition": it never means "never rotate".
        if (key.Value is not null || IsEmpty(key))
        {
            return ReadGrammar(key, parse, expected, errors);
        }

        var conditions = new List<T>();
        foreach (var item in key.GetChildren())
        {
            if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"{PathOf(item)}: unknown key '{item.Key}'; {name} is one condition or an array of them, e.g. {example}.");
                continue;
            }

            if (ReadGrammar(item, parse, expected, errors) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions.Count > 0 ? any([.. conditions]) : null;
    }

    private static T? ReadGrammar<T>(IConfigurationSection key, Func<string, T> parse, string expected, List<string> errors)
        where T : class
    {
        if (ReadValue(key, expected, errors) is not { } text)
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (GrammarException ex)
        {
            errors.Add($"{PathOf(key)}: {ex.Message}.");
            return null;
        }
    }

    private static FileOpenMode? ReadMode(IConfigurationSection key, List<string> errors) =>
        ReadChoice(key, "a file mode", "Append, Truncate", [("Append", FileOpenMode.Append), ("Truncate", FileOpenMode.Truncate)], errors);
}
