using System.Globalization;
using LoguStyle.Parsing;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Configuration;

/// <summary>
/// Reads one configuration value of each kind the section uses. A bad value adds one error naming the full key path,
/// the value and what is accepted, and gives null, so reading goes on and one start-up reports every error.
/// </summary>
internal static class ConfigurationValues
{
    private static readonly (string Name, LogLevel Value)[] Levels =
        [.. Enum.GetValues<LogLevel>().Select(level => (level.ToString(), level))];

    private static readonly (string Name, QueueFullMode Value)[] FullModes =
        [.. Enum.GetValues<QueueFullMode>().Select(mode => (mode.ToString(), mode))];

    /// <summary>
    /// The name <see cref="QueueFullMode.DropWrite"/> had before 1.0. In System.Threading.Channels DropNewest drops the
    /// newest record already queued, not the one being written, so the old name misled; it is still read, with a warning.
    /// </summary>
    private const string ObsoleteDropWrite = "DropNewest";

    private const string Capacity = "a queue capacity; accepted: a whole number of records from 1 to 2147483647, e.g. 10000";

    /// <summary>The key's path as the user wrote it (<c>Logging:LoguStyle:...</c>).</summary>
    public static string PathOf(IConfigurationSection section) => LoguStyleConfigurationReader.SectionPath + ":" + section.Path;

    /// <summary>A switch's accepted forms, as its error messages name them.</summary>
    public const string Switch = "a switch; accepted: true, false";

    /// <summary>
    /// True when the key was given empty: JSON <c>""</c> or <c>null</c> (MEL hands a provider its section through a
    /// chained configuration, which holds both as no value at all), or an empty object or array, which the
    /// configuration cannot tell from them.
    /// </summary>
    public static bool IsEmpty(IConfigurationSection key) => string.IsNullOrEmpty(key.Value) && !key.GetChildren().Any();

    /// <summary>
    /// The one rule for a key that takes a value and was given empty: an error naming the key, saying it is empty,
    /// listing what is accepted (<paramref name="expected"/>, as the error for a wrong value of the key lists it) and
    /// saying how to keep the default. An empty value is never read as "left out": a key written empty by a template or
    /// an environment variable set to nothing would otherwise pass silently.
    /// </summary>
    public static void AddEmpty(IConfigurationSection key, string expected, List<string> errors, string? leaveOut = null) =>
        errors.Add($"{PathOf(key)}: the value is empty; expected {expected}; {leaveOut ?? "leave the key out to keep its default"}.");

    /// <summary>
    /// The key's value; null, with an error, for a section or a key given empty. <paramref name="expected"/> names what is
    /// accepted, with its forms ("a switch; accepted: true, false").
    /// </summary>
    public static string? ReadValue(IConfigurationSection key, string expected, List<string> errors)
    {
        if (key.Value is { Length: > 0 } value)
        {
            return value;
        }

        if (key.GetChildren().Any())
        {
            errors.Add(SectionFound(key, expected));
        }
        else
        {
            AddEmpty(key, expected, errors);
        }

        return null;
    }

    /// <summary>
    /// The key's value, or "" for a key given empty (JSON's <c>""</c> or <c>null</c>, which the configuration holds as
    /// no value); null, with an error, for a section. Only for keys whose docs give the empty text a meaning (Icon).
    /// </summary>
    public static string? ReadText(IConfigurationSection key, string what, List<string> errors)
    {
        if (key.Value is { } value)
        {
            return value;
        }

        if (!key.GetChildren().Any())
        {
            return string.Empty;
        }

        errors.Add(SectionFound(key, what));
        return null;
    }

    /// <summary>One of named choices, compared ignoring case and surrounding spaces.</summary>
    public static T? ReadChoice<T>(IConfigurationSection key, string what, string accepted, IEnumerable<(string Name, T Value)> choices, List<string> errors)
        where T : struct
    {
        var text = ReadValue(key, $"{what}; accepted: {accepted}", errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in choices)
        {
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors.Add($"{PathOf(key)}: '{text}' is not {what}; accepted: {accepted}.");
        return null;
    }

    /// <summary>The levels a level key accepts, as its error messages name them.</summary>
    public const string AcceptedLevels = "Trace, Debug, Information, Warning, Error, Critical, None";

    public static LogLevel? ReadLevel(IConfigurationSection key, List<string> errors) =>
        ReadChoice(key, "a level", AcceptedLevels, Levels, errors);

    public static QueueFullMode? ReadFullMode(IConfigurationSection key, List<string> errors, List<string> warnings)
    {
        if (key.Value?.Trim() is { } text && text.Equals(ObsoleteDropWrite, StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add($"{PathOf(key)}: '{text}' is obsolete; use '{nameof(QueueFullMode.DropWrite)}' (the same mode: the record being logged is dropped).");
            return QueueFullMode.DropWrite;
        }

        return ReadChoice(key, "a queue-full mode", "Wait, DropOldest, DropWrite", FullModes, errors);
    }

    public static bool? ReadBool(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, Switch, errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not {Switch}.");
        return null;
    }

    public static int? ReadCapacity(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, Capacity, errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity >= 1)
        {
            return capacity;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not {Capacity}.");
        return null;
    }

    public static TimeSpan? ReadDuration(IConfigurationSection key, List<string> errors)
    {
        var text = ReadValue(key, DurationGrammar.Expected, errors);
        if (text is null)
        {
            return null;
        }

        var parsed = DurationGrammar.TryParse(text, out var duration, out var tooLong);
        if (parsed && duration <= OptionsCheck.LongestBound)
        {
            return duration;
        }

        if (parsed || tooLong)
        {
            // A drain bound (the only durations read here): longer than .NET's timed waits take (OptionsCheck.LongestBound);
            // one past any TimeSpan too, which is a duration, only a long one.
            errors.Add($"{PathOf(key)}: '{text}' is longer than 24 days, the longest wait .NET's timers take; accepted: {OptionsCheck.BoundAccepted}, e.g. \"30 s\".");
            return null;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not {DurationGrammar.Expected}.");
        return null;
    }

    /// <summary>
    /// The error for a section (an array or an object) where a value belongs: the key, what it takes and, as for a wrong
    /// value, what is accepted ("a switch; accepted: true, false" or "a compression: gz, zip or br" gives "expected a switch,
    /// found a section (an array or an object); accepted: true, false.").
    /// </summary>
    private static string SectionFound(IConfigurationSection key, string expected)
    {
        var end = expected.IndexOfAny([';', ':']);
        if (end < 0)
        {
            return $"{PathOf(key)}: expected {expected}, found a section (an array or an object).";
        }

        var accepted = expected[(end + 1)..].Trim();
        if (accepted.StartsWith("accepted:", StringComparison.Ordinal))
        {
            accepted = accepted["accepted:".Length..].Trim();
        }

        return $"{PathOf(key)}: expected {expected[..end]}, found a section (an array or an object); accepted: {accepted}.";
    }
}
