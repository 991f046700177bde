using System.Globalization;
using LoguStyle.Files;
using LoguStyle.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Reads the <c>Logging:LoguStyle</c> section into <see cref="LoguStyleLoggerOptions"/>: sinks as a dictionary keyed by
/// name. Every unknown key and bad value becomes one error naming the full key path, the value and what is accepted;
/// reading goes on, so one start-up reports them all.
/// </summary>
internal static class LoguStyleConfigurationReader
{
    private static readonly (string Name, ColorMode Value)[] ColorModes =
        [("Auto", ColorMode.Auto), ("true", ColorMode.Always), ("Always", ColorMode.Always), ("false", ColorMode.Never), ("Never", ColorMode.Never)];
    private const string AcceptedTypes = "Console, File, Syslog";
    private const string AcceptedRootKeys = "Sinks, Levels, LogLevel, QueueCapacity, QueueFullMode, ExitTimeout, DisposeTimeout, LogUnhandledExceptions, DrainOnExit";
    private const string CommonSinkKeys = "Type, Level, MaxLevel, CallerInfo, Format, Filter, Serialize, JsonFormat, SingleLine, Enqueue, QueueCapacity, QueueFullMode";
    private const string ConsoleSinkKeys = CommonSinkKeys + ", Colorize, Stream";
    private const string FileSinkKeys = CommonSinkKeys + ", Path, Rotation, Retention, Compression, Delay, Watch, Mode, RotateOnShutdown, AutoFlush, Shared";
    private const string SyslogSinkKeys = CommonSinkKeys + ", " + SyslogSinkKeyReader.Keys;
    private const string PathExpected = "a file path; accepted: a path whose file name may hold {time} or {time:format} tokens, e.g. \"logs/app.log\" or \"logs/app_{time:yyyy-MM-dd}.log\"";
    /// <summary>The path of a File sink that is read for its problems only, never built.</summary>
    private const string StandInPath = "stand-in.log";
    private const string FormatExpected = "a format template; accepted: text with tokens " + LoguStyle.Formatting.TemplateParser.AcceptedTokens + ", and colour markup such as <green>...</green>";

    /// <summary>
    /// Where the section lives in the application's configuration. MEL hands a provider its section re-rooted (and
    /// merged from every source), so key paths are rebuilt from this prefix to read as the user wrote them.
    /// </summary>
    public const string SectionPath = "Logging:LoguStyle";

    public static ConfigurationReadResult Apply(IConfiguration section, LoguStyleLoggerOptions options)
    {
        var result = new ConfigurationReadResult();
        foreach (var child in section.GetChildren())
        {
            switch (child.Key.ToUpperInvariant())
            {
                case "SINKS" or "LOGLEVEL":
                    break;
                case "LEVELS":
                    LevelKeyReader.Apply(child, options, result.Errors);
                    break;
                case "QUEUECAPACITY":
                    options.QueueCapacity = ReadCapacity(child, result.Errors) ?? options.QueueCapacity;
                    break;
                case "QUEUEFULLMODE":
                    options.QueueFullMode = ReadFullMode(child, result.Errors, result.Warnings) ?? options.QueueFullMode;
                    break;
                case "EXITTIMEOUT":
                    options.ExitTimeout = ReadDuration(child, result.Errors) ?? options.ExitTimeout;
                    break;
                case "DISPOSETIMEOUT":
                    options.DisposeTimeout = ReadDuration(child, result.Errors) ?? options.DisposeTimeout;
                    break;
                case "LOGUNHANDLEDEXCEPTIONS":
                    options.LogUnhandledExceptions = ReadBool(child, result.Errors) ?? options.LogUnhandledExceptions;
                    break;
                case "DRAINONEXIT":
                    options.DrainOnExit = ReadBool(child, result.Errors) ?? options.DrainOnExit;
                    break;
                default:
                    result.Errors.Add($"{PathOf(child)}: unknown key '{child.Key}'; accepted: {AcceptedRootKeys}.");
                    break;
            }
        }

        var sinks = section.GetSection("Sinks");
        // "" and null read as {} (through MEL, the configuration cannot tell them apart): no sinks.
        if (sinks.Value is { Length: > 0 })
        {
            result.Errors.Add($"{PathOf(sinks)}: '{sinks.Value}' is a value, but Sinks must be an object of named sinks, e.g. \"Sinks\": {{ \"console\": {{ \"Type\": \"Console\" }} }}.");
            return result;
        }

        foreach (var sinkSection in sinks.GetChildren())
        {
            if (sinkSection.Key.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
            {
                // "Sinks": [ ... ] (Serilog's WriteTo is a list) reads as sinks named 0, 1, ...: said, not taken silently.
                result.Errors.Add($"{PathOf(sinkSection)}: a sink named '{sinkSection.Key}', as a JSON array's items are; Sinks is an object whose keys name the sinks, e.g. \"Sinks\": {{ \"file\": {{ \"Type\": \"File\", \"Path\": \"logs/app.log\" }} }}.");
                continue;
            }

            var sink = FindOrCreate(sinkSection, options, result.Errors, out var standIn);
            if (sink is not null)
            {
                if (!standIn)
                {
                    result.SinkPaths[sink.Name] = PathOf(sinkSection);
                }

                ApplySinkKeys(sinkSection, sink, standIn, result.Errors, result.Warnings);
            }
        }

        return result;
    }

    /// <summary>
    /// The sink the section configures: the code sink of that name (a copy), or a new one added to the options. A File
    /// sink whose Path is bad cannot be built; it comes back as a <paramref name="standIn"/> that is not added, so its
    /// other keys are still read and one start-up reports every problem (configuration.md).
    /// </summary>
    private static SinkOptions? FindOrCreate(IConfigurationSection section, LoguStyleLoggerOptions options, List<string> errors, out bool standIn)
    {
        standIn = false;
        var name = section.Key;
        if (string.IsNullOrWhiteSpace(name))
        {
            // A sink's name is what its reports and meters say: the options refuse one of white space (an ArgumentException
            // that named no key, before).
            var path = PathOf(section);
            errors.Add($"{path[..^(name.Length + 1)]}: a sink named '{name}', only white space; a sink's name needs a character other than white space, e.g. \"app\".");
            return null;
        }

        if (Formatting.PrintableText.FirstUnprintable(name) is { } what)
        {
            // Its reports are lines on stderr: a line break in the name could make one look like two.
            var path = PathOf(section);
            errors.Add($"{path[..^(name.Length + 1)]}: the sink named '{Formatting.PrintableText.Escaped(name)}' holds {what} in its name; accepted: printable characters only, e.g. \"app\".");
            return null;
        }

        if (section.Value is { Length: > 0 } plain)
        {
            errors.Add($"{PathOf(section)}: '{plain}' is a value, but a sink is an object of its keys, e.g. \"{name}\": {{ \"Type\": \"File\", \"Path\": \"logs/app.log\" }}.");
            return null;
        }

        var typeSection = section.GetSection("Type");
        if (IsSection(typeSection))
        {
            errors.Add($"{PathOf(typeSection)}: expected a sink type, found a section (an array or an object); accepted: {AcceptedTypes}.");
            return null;
        }

        if (GivenEmpty(section, typeSection))
        {
            AddEmpty(typeSection, $"a sink type; accepted: {AcceptedTypes} (Delegate sinks are added in code)", errors, "leave the key out only for the sink named console or a sink added in code");
            return null;
        }

        var type = typeSection.Value;
        var index = IndexOf(options.Sinks, name);
        if (index >= 0)
        {
            var existing = options.Sinks[index];
            if (type is not null && !type.Equals(existing.Kind, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{PathOf(typeSection)}: '{type}' does not match the sink '{name}' added in code, which is a {existing.Kind} sink; leave Type out to change that sink's keys, or use another name.");
                return null;
            }

            // The code sink's object is built into every options instance (start-up and each reload): this one gets a
            // copy to change, so each build starts from the sink as code declared it.
            var copy = existing.Copy();
            options.Sinks[index] = copy;
            return copy;
        }

        // A sink named like the default console sink may leave Type out, so Sinks:console:Level=Debug just works.
        type ??= name.Equals(ConsoleSinkOptions.DefaultName, StringComparison.OrdinalIgnoreCase) ? "Console" : null;
        if (type is null)
        {
            errors.Add($"{PathOf(typeSection)}: missing; every configured sink needs a Type; accepted: {AcceptedTypes}.");
            return null;
        }

        SinkOptions? created;
        if (type.Equals("Console", StringComparison.OrdinalIgnoreCase))
        {
            created = new ConsoleSinkOptions(name);
        }
        else if (type.Equals("File", StringComparison.OrdinalIgnoreCase))
        {
            created = CreateFile(section, name, errors);
            if (created is null)
            {
                standIn = true;
                return new FileSinkOptions(StandInPath, name);
            }
        }
        else if (type.Equals("Syslog", StringComparison.OrdinalIgnoreCase))
        {
            created = new SyslogSinkOptions(name);
        }
        else
        {
            errors.Add($"{PathOf(typeSection)}: '{type}' is not a sink type; accepted: {AcceptedTypes} (Delegate sinks are added in code).");
            return null;
        }

        if (created is not null)
        {
            options.Sinks.Add(created);
        }

        return created;
    }

    private static int IndexOf(IList<SinkOptions> sinks, string name)
    {
        for (var i = 0; i < sinks.Count; i++)
        {
            if (sinks[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static FileSinkOptions? CreateFile(IConfigurationSection section, string name, List<string> errors)
    {
        var pathSection = section.GetSection("Path");
        if (GivenEmpty(section, pathSection))
        {
            AddEmpty(pathSection, PathExpected, errors, "a File sink needs a Path");
            return null;
        }

        if (IsSection(pathSection))
        {
            errors.Add($"{PathOf(pathSection)}: expected a path, found a section (an array or an object); a File sink's Path is one text, e.g. \"logs/app.log\" or \"logs/app_{{time:yyyy-MM-dd}}.log\".");
            return null;
        }

        if (string.IsNullOrWhiteSpace(pathSection.Value))
        {
            var found = pathSection.Value is null ? "missing" : $"'{pathSection.Value}' is white space only, not a path";
            errors.Add($"{PathOf(pathSection)}: {found}; a File sink needs a Path, e.g. \"logs/app.log\" or \"logs/app_{{time:yyyy-MM-dd}}.log\".");
            return null;
        }

        try
        {
            _ = PathTemplate.Parse(pathSection.Value);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{PathOf(pathSection)}: {ex.Message.Split(" (Parameter", 2)[0]}");
            return null;
        }

        return new FileSinkOptions(pathSection.Value, name);
    }

    /// <summary>Applies the sink's keys; for a <paramref name="standIn"/> (its Path already reported) Path is skipped.</summary>
    private static void ApplySinkKeys(IConfigurationSection section, SinkOptions sink, bool standIn, List<string> errors, List<string> warnings)
    {
        var accepted = sink switch
        {
            ConsoleSinkOptions => ConsoleSinkKeys,
            FileSinkOptions => FileSinkKeys,
            SyslogSinkOptions => SyslogSinkKeys,
            _ => CommonSinkKeys,
        };
        foreach (var key in section.GetChildren())
        {
            switch (key.Key.ToUpperInvariant())
            {
                case "TYPE":
                    break;
                case "PATH" when standIn:
                    break;
                case "LEVEL":
                    if (ReadLevel(key, errors) is { } level)
                    {
                        sink.Level = level;
                    }

                    break;
                case "MAXLEVEL":
                    if (ReadLevel(key, errors) is { } maxLevel)
                    {
                        sink.MaxLevel = maxLevel;
                    }

                    break;
                case "CALLERINFO":
                    sink.CallerInfo = ReadChoice(key, "a caller source", "None, StackTrace", [("None", CallerInfo.None), ("StackTrace", CallerInfo.StackTrace)], errors) ?? sink.CallerInfo;
                    break;
                case "FORMAT":
                    if (ReadValue(key, FormatExpected, errors) is { } format)
                    {
                        sink.Format = format;
                    }

                    break;
                case "FILTER":
                    ReadFilter(key, sink, errors);
                    break;
                case "SERIALIZE":
                    sink.Serialize = ReadBool(key, errors) ?? sink.Serialize;
                    break;
                case "JSONFORMAT":
                    sink.JsonFormat = ReadJsonFormat(key, errors) ?? sink.JsonFormat;
                    break;
                case "SINGLELINE":
                    sink.SingleLine = ReadBool(key, errors) ?? sink.SingleLine;
                    break;
                case "ENQUEUE":
                    sink.Enqueue = ReadBool(key, errors) ?? sink.Enqueue;
                    break;
                case "QUEUECAPACITY":
                    sink.QueueCapacity = ReadCapacity(key, errors) ?? sink.QueueCapacity;
                    break;
                case "QUEUEFULLMODE":
                    sink.QueueFullMode = ReadFullMode(key, errors, warnings) ?? sink.QueueFullMode;
                    break;
                case "COLORIZE" when sink is ConsoleSinkOptions console:
                    if (ReadColorize(key, errors) is { } colorize)
                    {
                        console.Colorize = colorize;
                    }

                    break;
                case "STREAM" when sink is ConsoleSinkOptions console:
                    if (ReadStream(key, errors) is { } stream)
                    {
                        console.Stream = stream;
                    }

                    break;
                default:
                    var applied = sink switch
                    {
                        FileSinkOptions file => FileSinkKeyReader.TryApply(key, file, errors),
                        SyslogSinkOptions syslog => SyslogSinkKeyReader.TryApply(key, syslog, errors),
                        _ => false,
                    };
                    if (!applied)
                    {
                        errors.Add($"{PathOf(key)}: unknown key '{key.Key}' for a {sink.Kind} sink; accepted: {accepted}.");
                    }

                    break;
            }
        }
    }

    private static void ReadFilter(IConfigurationSection section, SinkOptions sink, List<string> errors)
    {
        // "" and null read as {} (no rules), as for every key whose value is an object.
        if (section.Value is { Length: > 0 })
        {
            errors.Add($"{PathOf(section)}: '{section.Value}' is a value, but Filter must be an object of category prefixes and levels, e.g. {{ \"\": \"Information\", \"Microsoft\": \"Warning\" }}.");
            return;
        }

        // An array reads as the keys 0, 1, ...: ["Warning"] would be the prefix "0" at Warning. No category is named by
        // numbers counted from 0, so that shape is the array, and an error.
        var rules = section.GetChildren().ToList();
        if (rules.Count > 0 && rules.Select(rule => rule.Key).Order(StringComparer.Ordinal).SequenceEqual(Enumerable.Range(0, rules.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)))
        {
            errors.Add($"{PathOf(section)}: expected an object of category prefixes and levels, found an array; e.g. {{ \"\": \"Information\", \"Microsoft\": \"Warning\" }} (the key \"\" sets the level of every other category).");
            return;
        }

        foreach (var rule in rules)
        {
            if (ReadLevel(rule, errors) is { } level)
            {
                // "Default" is accepted beside "" for the default rule, as in MEL's LogLevel section.
                var prefix = rule.Key.Equals("Default", StringComparison.OrdinalIgnoreCase) ? string.Empty : rule.Key;
                sink.Filter[prefix] = level;
            }
        }
    }

    /// <summary>True when <paramref name="key"/> holds keys of its own (an array reads as keys 0, 1, ...) and no value.</summary>
    private static bool IsSection(IConfigurationSection key) => key.Value is null && key.GetChildren().Any();

    /// <summary>True when <paramref name="key"/> is written under <paramref name="parent"/> and given empty (not left out).</summary>
    private static bool GivenEmpty(IConfigurationSection parent, IConfigurationSection key) =>
        IsEmpty(key) && parent.GetChildren().Any(child => child.Key.Equals(key.Key, StringComparison.OrdinalIgnoreCase));

    private static ColorMode? ReadColorize(IConfigurationSection key, List<string> errors) =>
        ReadChoice(key, "a colour mode", "Auto, true, false (or Always, Never)", ColorModes, errors);

    private static JsonFormat? ReadJsonFormat(IConfigurationSection key, List<string> errors) =>
        ReadChoice(key, "a JSON format", "LoguStyle, Clef, Ecs, Otel", [("LoguStyle", JsonFormat.LoguStyle), ("Clef", JsonFormat.Clef), ("Ecs", JsonFormat.Ecs), ("Otel", JsonFormat.Otel)], errors);

    private static ConsoleOutput? ReadStream(IConfigurationSection key, List<string> errors) =>
        ReadChoice(key, "a console stream", "Stdout, Stderr", [("Stdout", ConsoleOutput.Stdout), ("Stderr", ConsoleOutput.Stderr)], errors);
}
