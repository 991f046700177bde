using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The level names a logging call may use (<c>logger.Log("SUCCESS", ...)</c>), process-wide: the call site must know a
/// name's base level before it reaches MEL, and it has only an <c>ILogger</c>, not a provider. MEL's names
/// (<c>INFO</c>, <c>Warning</c>, ...), <c>SUCCESS</c>, and the custom levels of every provider built so far. A name is
/// never removed and its base never changes (Loguru's rule too: a level's <c>no</c> is fixed), so a call site can trust
/// what it read without a lock.
/// </summary>
internal static partial class LevelRegistry
{
    /// <summary>Loguru's SUCCESS, built in: base Information, green and bold, a check mark.</summary>
    public const string Success = "SUCCESS";

    /// <summary>What a name must look like: it is written in text, JSON and syslog, and is a configuration key.</summary>
    public const string NameGrammar = "a letter, then up to 31 letters, digits, '_' or '-'";

    private const int MaxReported = 100;

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Reported = new(StringComparer.OrdinalIgnoreCase);

    // Copied on write under Gate, read without a lock: the call site's lookup is one dictionary read.
    private static Dictionary<string, Known> s_known = Initial();

    /// <summary>Where a call with an unknown name is reported; stderr unless a test redirects it.</summary>
    internal static TextWriter? ErrorOutput { get; set; }

    /// <summary>The built-in definition of SUCCESS (its colour and icon may be restyled; its base may not).</summary>
    public static CustomLevel SuccessDefaults => new() { Base = LogLevel.Information, Color = "<green><bold>", Icon = "\u2705" };

    /// <summary>
    /// Finds <paramref name="name"/> (ignoring case): its base level, and its name as declared (null for MEL's own
    /// levels, whose records carry no name).
    /// </summary>
    public static bool TryFind(string name, out LogLevel level, out string? declared)
    {
        if (Volatile.Read(ref s_known).TryGetValue(name, out var known))
        {
            (level, declared) = (known.Base, known.Name);
            return true;
        }

        (level, declared) = (LogLevel.Information, null);
        return false;
    }

    /// <summary>What is wrong with defining <paramref name="name"/> as <paramref name="level"/>, or null when nothing is.</summary>
    public static string? Problem(string name, CustomLevel level)
    {
        if (!Name().IsMatch(name))
        {
            return $"'{name}' is not a level name; accepted: {NameGrammar}.";
        }

        if (level.Base is < LogLevel.Trace or >= LogLevel.None)
        {
            return $"Base '{level.Base}' of level '{name}' is not a level; accepted: Trace, Debug, Information, Warning, Error, Critical.";
        }

        if (Volatile.Read(ref s_known).TryGetValue(name, out var known))
        {
            if (known.Name is null)
            {
                return $"'{name}' is one of MEL's own levels; a custom level needs a name of its own.";
            }

            if (known.Base != level.Base)
            {
                return $"level '{known.Name}' has base {known.Base} in this process; a level's base cannot change (Loguru's rule too), so its Base must be {known.Base}.";
            }
        }

        if (level.Icon is { } icon && Formatting.LevelStyles.ControlProblem(icon) is { } why)
        {
            return $"Icon of level '{name}' {why}";
        }

        if (level.Color is { } color)
        {
            try
            {
                _ = Formatting.LevelTable.ParseColor(color);
            }
            catch (ArgumentException ex)
            {
                return $"Color of level '{name}': {ex.Message.Split(" (Parameter", 2)[0]}";
            }
        }

        return null;
    }

    /// <summary>Defines the levels of a provider's options; throws <see cref="ArgumentException"/> for the first problem, defining none.</summary>
    public static void Define(IDictionary<string, CustomLevel> levels)
    {
        if (levels.Count == 0)
        {
            return;
        }

        lock (Gate)
        {
            foreach (var (name, level) in levels)
            {
                if (Problem(name, level) is { } problem)
                {
                    throw new ArgumentException(problem, nameof(levels));
                }
            }

            var next = new Dictionary<string, Known>(Volatile.Read(ref s_known), StringComparer.OrdinalIgnoreCase);
            foreach (var (name, level) in levels)
            {
                next.TryAdd(name, new Known(name, level.Base));
            }

            Volatile.Write(ref s_known, next);
        }
    }

    /// <summary>
    /// A logging call named a level nobody defined: it was logged at Information, and stderr says so once per name (a
    /// logging call never throws into the application; the first few hundred names are remembered, so a name made up
    /// anew for every call cannot grow memory or flood stderr).
    /// </summary>
    public static void ReportUnknown(string name)
    {
        lock (Gate)
        {
            if (Reported.Count >= MaxReported || !Reported.Add(name))
            {
                return;
            }
        }

        var accepted = string.Join(", ", Volatile.Read(ref s_known).Values.Where(k => k.Name is not null).Select(k => k.Name).Order(StringComparer.Ordinal));
        try
        {
            (ErrorOutput ?? Console.Error).WriteLine(
                $"LoguStyle: logger.Log(\"{Formatting.TextEscaper.Escape(name)}\", ...) names no level; the record was logged at Information. Levels: Trace, Debug, Information, Warning, Error, Critical, {accepted} (LoguStyleLoggerOptions.CustomLevels, Logging:LoguStyle:Levels:Custom).");
        }
#pragma warning disable CA1031 // Reporting must not throw into the logging call either.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static Dictionary<string, Known> Initial()
    {
        var known = new Dictionary<string, Known>(StringComparer.OrdinalIgnoreCase)
        {
            ["TRACE"] = new(null, LogLevel.Trace),
            ["DEBUG"] = new(null, LogLevel.Debug),
            ["INFO"] = new(null, LogLevel.Information),
            ["INFORMATION"] = new(null, LogLevel.Information),
            ["WARNING"] = new(null, LogLevel.Warning),
            ["ERROR"] = new(null, LogLevel.Error),
            ["CRITICAL"] = new(null, LogLevel.Critical),
            ["NONE"] = new(null, LogLevel.None),
            [Success] = new(Success, LogLevel.Information),
        };
        return known;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    private sealed record Known(string? Name, LogLevel Base);
}
