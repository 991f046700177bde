using LoguStyle.Files;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Sinks;

/// <summary>
/// Every check of <see cref="LoguStyleLoggerOptions"/> that can be made before a sink is built: level colours, queue
/// capacities, unique sink names, file paths (valid, one sink per file) and templates. The provider throws the first
/// problem; the hosting validator reports them all, under their configuration key paths.
/// </summary>
internal static class OptionsCheck
{
    private const string Capacity = "is not a capacity; accepted: a whole number of records, 1 or more.";

    public static List<OptionsProblem> Find(LoguStyleLoggerOptions options)
    {
        var problems = new List<OptionsProblem>();
        try
        {
            _ = LevelTable.From(options.Levels);
        }
        catch (ArgumentException ex)
        {
            problems.Add(new(null, "Levels", Clean(ex), OptionsProblem.Argument(Clean(ex), ex)));
        }

        foreach (var (level, style) in options.Levels)
        {
            // As the configuration reader reads Levels: a key of MEL's six levels, and a name that is not empty.
            if (level is < LogLevel.Trace or > LogLevel.Critical)
            {
                var problem = $"Levels has the key {level}, which is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical.";
                problems.Add(new(null, "Levels", problem, OptionsProblem.Argument(problem)));
            }
            else if (style?.Name is { } levelName && string.IsNullOrWhiteSpace(levelName))
            {
                var what = levelName.Length == 0 ? "empty" : "only white space";
                var problem = $"Levels[{level}].Name is {what}; give the name to write, or leave Name null to keep {LevelStyles.Name(level)}.";
                problems.Add(new(null, $"Levels:{level}:Name", problem, OptionsProblem.Argument(problem)));
            }
            else if (style is not null)
            {
                CheckPrintable($"Levels[{level}].Name", $"Levels:{level}:Name", style.Name, problems);
                CheckPrintable($"Levels[{level}].Icon", $"Levels:{level}:Icon", style.Icon, problems);
            }
        }

        foreach (var (name, level) in options.CustomLevels)
        {
            if (LevelRegistry.Problem(name, level) is { } problem)
            {
                problems.Add(new(null, "CustomLevels", problem, OptionsProblem.Argument(problem)));
            }
        }

        EnumOptionsCheck.CheckRoot(options, problems);
        CheckBound(options, "ExitTimeout", options.ExitTimeout, problems);
        if (options.DisposeTimeout is { } disposeTimeout)
        {
            CheckBound(options, "DisposeTimeout", disposeTimeout, problems);
        }

        if (options.QueueCapacity < 1)
        {
            var problem = $"QueueCapacity {options.QueueCapacity} {Capacity}";
            problems.Add(new(null, "QueueCapacity", problem, OptionsProblem.Argument(problem)));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<(FilePlace Place, string Sink)>();
        foreach (var sink in options.Sinks)
        {
            if (!names.Add(sink.Name))
            {
                var problem = $"two sinks are named '{sink.Name}'; sink names must be unique (compared ignoring case).";
                problems.Add(new(sink.Name, null, problem, OptionsProblem.Argument(Capitalize(problem))));
            }

            if (sink.QueueCapacity is < 1)
            {
                var problem = $"QueueCapacity {sink.QueueCapacity} {Capacity}";
                problems.Add(new(sink.Name, "QueueCapacity", problem, OptionsProblem.Argument($"Sink '{sink.Name}': {problem}")));
            }

            // Level None turns a sink off; its MaxLevel is then moot. A number that is no level was reported as such.
            var levels = EnumOptionsCheck.Check(sink, problems);
            if (levels && sink.Level != LogLevel.None && sink.MaxLevel < sink.Level)
            {
                var problem = $"MaxLevel {sink.MaxLevel} is below Level {sink.Level}; the sink would write nothing. Accepted: a MaxLevel at or above Level (Trace, Debug, Information, Warning, Error, Critical).";
                problems.Add(new(sink.Name, "MaxLevel", problem, OptionsProblem.Argument($"Sink '{sink.Name}': {problem}")));
            }

            if (sink is FileSinkOptions file)
            {
                CheckFile(file, files, problems);
            }

            if (sink is SyslogSinkOptions syslog)
            {
                Syslog.SyslogOptionsCheck.Check(syslog, problems);
            }

            if (sink is DelegateSinkOptions { WriteText: null })
            {
                CheckRecordDelegate(sink, problems);
            }
            else
            {
                CheckFormatting(sink, problems);
            }
        }

        return problems;
    }

    /// <summary>
    /// The longest bound on draining: a wait of more than <see cref="int.MaxValue"/> milliseconds (24.8 days) throws in
    /// .NET's timed waits (<c>Task.WaitAsync</c>, <c>Monitor.Wait</c>), so a dispose with a longer one threw instead of
    /// draining. 24 days, a round number below that.
    /// </summary>
    internal static readonly TimeSpan LongestBound = TimeSpan.FromDays(24);

    /// <summary>What a bound on draining may be, for the messages of code and configuration alike.</summary>
    internal const string BoundAccepted = "a duration above zero and at most 24 days";

    private const string LongestBoundText = "24 days";

    /// <summary>
    /// A bound on draining (<see cref="LoguStyleLoggerOptions.ExitTimeout"/>, <see cref="LoguStyleLoggerOptions.DisposeTimeout"/>)
    /// is a duration above zero and at most <see cref="LongestBound"/>, as the configuration reader reads it: zero drains
    /// nothing, and a negative one (the .NET idiom <see cref="Timeout.InfiniteTimeSpan"/> among them) would be taken as no
    /// time at all, losing the queued records.
    /// </summary>
    private static void CheckBound(LoguStyleLoggerOptions options, string key, TimeSpan value, List<OptionsProblem> problems)
    {
        if (value > TimeSpan.Zero && value <= LongestBound)
        {
            return;
        }

        var problem = value == Timeout.InfiniteTimeSpan
            ? $"{key} is Timeout.InfiniteTimeSpan; draining needs a bound (a stuck sink would hold the process for ever); accepted: {BoundAccepted}, e.g. TimeSpan.FromSeconds(30)."
            : value > LongestBound
            ? $"{key} {value} is longer than {LongestBoundText}, the longest wait .NET's timers take; accepted: {BoundAccepted}, e.g. TimeSpan.FromSeconds(30)."
            : $"{key} {value} is not a duration above zero; accepted: {BoundAccepted}, e.g. TimeSpan.FromSeconds(30).";
        problems.Add(new(null, key, problem, OptionsProblem.Argument(problem)));
    }

    /// <summary>
    /// A record delegate hands your code the <see cref="LogRecord"/> itself and formats nothing, so the text and JSON
    /// settings would do nothing there: each one set is refused rather than silently ignored (AddTextSink takes a Format).
    /// </summary>
    private static void CheckRecordDelegate(SinkOptions sink, List<OptionsProblem> problems)
    {
        var set = new (string Key, string? Value)[]
        {
            ("Format", sink.Format),
            ("Serialize", sink.Serialize ? "True" : null),
            ("JsonFormat", sink.JsonFormat != default ? sink.JsonFormat.ToString() : null),
            ("SingleLine", sink.SingleLine ? "True" : null),
        };
        foreach (var (key, value) in set)
        {
            if (value is not null)
            {
                problems.Add(OptionsProblem.OfValue(
                    sink.Name,
                    key,
                    $"'{value}' has no effect on a delegate sink, which hands your code the LogRecord itself and formats nothing; leave {key} out (AddTextSink formats records as text)."));
            }
        }
    }

    /// <summary>
    /// A sink that formats writes either its template or JSON lines (<see cref="SinkOptions.Serialize"/>): a JSON schema
    /// without JSON lines, or a template with them, would do nothing, and is refused as on a record delegate sink. The
    /// template is parsed either way, so each of its problems is reported too.
    /// </summary>
    private static void CheckFormatting(SinkOptions sink, List<OptionsProblem> problems)
    {
        if (sink.Format is { Length: 0 })
        {
            // As configuration reads it: an empty value never stands for the default (it usually comes from a template or
            // an environment variable set to nothing), and an empty template writes empty lines.
            problems.Add(OptionsProblem.OfValue(sink.Name, "Format", "is empty; give a template, e.g. \"{time} | {level} | {message}\", or leave Format null for the default."));
        }
        else if (sink.Format is { } template)
        {
            try
            {
                _ = TemplateParser.Parse(template, sink.Name);
            }
            catch (FormatTemplateException ex)
            {
                // The validator puts the sink's name (or key path) before it: the detail alone names it once.
                problems.Add(new(sink.Name, "Format", "format " + ex.Detail, ex));
            }
        }

        if (!sink.Serialize && sink.JsonFormat != default && Enum.IsDefined(sink.JsonFormat))
        {
            problems.Add(OptionsProblem.OfValue(
                sink.Name,
                "JsonFormat",
                $"'{sink.JsonFormat}' has no effect without Serialize: true (it is the schema of the JSON lines Serialize writes); set Serialize to true, or leave JsonFormat out."));
        }

        if (sink.Serialize && sink.Format is { } format)
        {
            problems.Add(OptionsProblem.OfValue(
                sink.Name,
                "Format",
                $"'{format}' has no effect with Serialize: true, which writes JSON lines instead of the template; leave Format out, or set Serialize to false."));
        }
    }

    private static void CheckFile(FileSinkOptions file, List<(FilePlace Place, string Sink)> files, List<OptionsProblem> problems)
    {
        PathTemplate template;
        try
        {
            template = PathTemplate.Parse(file.Path);
        }
        catch (ArgumentException ex)
        {
            problems.Add(new(file.Name, "Path", Clean(ex), OptionsProblem.Argument(Clean(ex), ex)));
            return;
        }

        var full = template.FullPath;
        if (Directory.Exists(full))
        {
            // Opening it would fail with .NET's "Access to the path is denied", which does not say why.
            // Worded after the key, so a configuration message names its whole path (Sinks:f:Path).
            problems.Add(OptionsProblem.OfValue(file.Name, "Path", $"'{full}' is a directory; a File sink's Path names a file, e.g. '{Path.Combine(full, "app.log")}'."));
        }

        // By what the file is, not how its path is spelled: a symbolic link (to the file or a folder), a hard link.
        var place = FilePlace.Of(template);
        if (files.Find(other => other.Place.SameFileAs(place)) is { Sink: { } other } same)
        {
            var also = string.Equals(same.Place.FullPath, full, StringComparison.Ordinal) ? string.Empty : $" (the same file as {same.Place.FullPath})";
            var problem = $"sinks '{other}' and '{file.Name}' both write {full}{also}; give each file sink its own path.";
            problems.Add(new(file.Name, "Path", problem, OptionsProblem.Argument(Capitalize(problem))));
        }

        files.Add((place, file.Name));
        if (file.Shared && file.Mode == FileOpenMode.Truncate)
        {
            const string problem = "Shared and Mode 'Truncate' cannot be combined: one process would empty the file the others write; use Mode 'Append' (the default) with Shared.";
            problems.Add(new(file.Name, "Mode", problem, OptionsProblem.Argument(problem)));
        }

        if (file.Shared && !Files.Shared.SharedFileLock.IsSupported)
        {
            const string problem = "Shared files are supported on Linux and macOS (64-bit processes) and Windows only.";
            problems.Add(new(file.Name, "Shared", problem, new PlatformNotSupportedException(problem)));
        }

        if (file.Shared && template.HasTokens)
        {
            const string problem = "Shared and {time} tokens in Path cannot be combined: processes started at different times would write different files; use a fixed path with a time Rotation instead.";
            problems.Add(new(file.Name, "Path", problem, OptionsProblem.Argument(problem)));
        }
    }

    /// <summary>An argument exception's message without the "(Parameter 'x')" that .NET appends.</summary>
    private static void CheckPrintable(string option, string key, string? text, List<OptionsProblem> problems)
    {
        if (text is not null && LevelStyles.ControlProblem(text) is { } why)
        {
            var problem = $"{option} {why}";
            problems.Add(new(null, key, problem, OptionsProblem.Argument(problem)));
        }
    }

    private static string Clean(ArgumentException ex) => ex.Message.Split(" (Parameter", 2)[0];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
