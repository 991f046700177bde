using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Tool.Filtering;

namespace LoguStyle.Tool.Cli;

/// <summary>
/// Parses logu's command line: <c>view|tail &lt;path&gt; [options]</c>, options before or after the path, each as
/// <c>--name value</c> or <c>--name=value</c>. Throws <see cref="ArgumentProblem"/> with one line naming the argument
/// and what is accepted.
/// </summary>
internal static class ArgumentParser
{
    private const string Options = "--level, --category, --since, --until, --grep, --where, --format, --json, --color, and for tail -f/--follow, -n/--lines";

    public static ToolArguments Parse(IReadOnlyList<string> args, DateTimeOffset now)
    {
        if (args.Count == 0)
        {
            throw new ArgumentProblem("logu: a command is needed; accepted: view, tail, --help, --version.");
        }

        var command = args[0] switch
        {
            "view" => CommandKind.View,
            "tail" => CommandKind.Tail,
            "help" or "--help" or "-h" or "-?" => CommandKind.Help,
            "--version" => CommandKind.Version,
            _ => throw new ArgumentProblem($"logu: '{args[0]}' is not a command; accepted: view, tail, --help, --version."),
        };
        if (command is CommandKind.Help or CommandKind.Version)
        {
            return new ToolArguments(command);
        }

        var verb = args[0];
        var result = new ToolArguments(command);
        var filter = RecordFilter.All;
        var categories = new List<string>();
        var where = new List<WhereCondition>();
        string? path = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return new ToolArguments(CommandKind.Help);
            }

            if (!arg.StartsWith('-') || arg == "-")
            {
                path = path is null ? arg : throw new ArgumentProblem($"logu {verb}: one path only; got '{path}' and '{arg}'.");
                continue;
            }

            var (name, inline) = Split(arg);
            string Value() => inline ?? (++i < args.Count ? args[i] : throw new ArgumentProblem($"logu {verb}: {name} needs a value; accepted: {Expected(name)}."));
            switch (name)
            {
                case "--level":
                    var level = Value();
                    filter = filter with { MinimumLevel = LevelName.TryParse(level, out var parsed) ? parsed : throw new ArgumentProblem($"logu: --level: '{level}' is not a level; accepted: {LevelName.Accepted}.") };
                    break;
                case "--category":
                    categories.Add(Value());
                    break;
                case "--since":
                    filter = filter with { Since = TimeBound.Parse(name, Value(), now) };
                    break;
                case "--until":
                    filter = filter with { Until = TimeBound.Parse(name, Value(), now) };
                    break;
                case "--grep":
                    filter = filter with { Grep = Regex(Value()) };
                    break;
                case "--where":
                    where.Add(Where(Value()));
                    break;
                case "--format":
                    result = result with { Format = Format(Value()) };
                    break;
                case "--json" when inline is null:
                    result = result with { Json = true };
                    break;
                case "--color":
                    var color = Value();
                    result = result with { Color = Enum.TryParse<ColorMode>(color, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !char.IsDigit(color[0]) ? mode : throw new ArgumentProblem($"logu: --color: '{color}' is not a colour mode; accepted: auto, always, never.") };
                    break;
                case "-f" or "--follow" when command == CommandKind.Tail && inline is null:
                    result = result with { Follow = true };
                    break;
                case "-n" or "--lines" when command == CommandKind.Tail:
                    var lines = Value();
                    result = result with { Lines = int.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw new ArgumentProblem($"logu: {name}: '{lines}' is not a count; accepted: a whole number, 0 or more.") };
                    break;
                case "-f" or "--follow" or "-n" or "--lines":
                    throw new ArgumentProblem($"logu {verb}: {name} belongs to 'logu tail'; accepted here: {Options.Replace(", and for tail -f/--follow, -n/--lines", string.Empty, StringComparison.Ordinal)}.");
                default:
                    throw new ArgumentProblem($"logu {verb}: '{arg}' is not an option; accepted: {Options}.");
            }
        }

        if (path is null)
        {
            throw new ArgumentProblem($"logu {verb}: the sink's path is needed, e.g. logu {verb} logs/app.json.");
        }

        if (result.Json && result.Format is not null)
        {
            throw new ArgumentProblem("logu: --json passes the lines through unchanged, so it takes no --format; use one of them.");
        }

        filter = filter with { Categories = categories, Where = where };
        if (filter.Since > filter.Until)
        {
            throw new ArgumentProblem($"logu: --since ({filter.Since:O}) is after --until ({filter.Until:O}); accepted: a window whose start is not after its end.");
        }

        return result with { Path = path, Filter = filter };
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static string Expected(string name) => name switch
    {
        "--level" => LevelName.Accepted,
        "--category" => "a category prefix, e.g. Sample.Orders",
        "--since" or "--until" => TimeBound.Accepted,
        "--grep" => "a .NET regular expression matched against the message",
        "--where" => "Name=value, a property and its text",
        "--format" => "a template in the console sink's language, e.g. \"{time:HH:mm:ss} {level:u3} {message}\"",
        "--color" => "auto, always, never",
        _ => "a whole number, 0 or more",
    };

    private static Regex Regex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentProblem($"logu: --grep: '{pattern}' is not a regular expression ({ex.Message}); accepted: {Expected("--grep")}.", ex);
        }
    }

    private static WhereCondition Where(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new WhereCondition(text[..equals], text[(equals + 1)..])
            : throw new ArgumentProblem($"logu: --where: '{text}' is not a condition; accepted: {Expected("--where")}, e.g. --where OrderId=42.");
    }

    private static string Format(string template)
    {
        try
        {
            FormatTemplate.Validate(template);
            return template;
        }
        catch (FormatTemplateException ex)
        {
            throw new ArgumentProblem($"logu: --format: {ex.Problem} (at position {ex.Position} of \"{template}\"); accepted: {Expected("--format")}, tokens and tags as in docs/configuration.md.", ex);
        }
    }
}
