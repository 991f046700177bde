
namespace LoguStyle.Sinks;

/// <summary>
/// The enum-typed options given in code: C# lets any number be cast to an enum (<c>(LogLevel)42</c>), which the
/// configuration reader can never produce. Each undefined value is a problem naming the option, the value and the
/// accepted names, as a bad configuration value is; the sinks then never meet a value they have no case for.
/// </summary>
internal static class EnumOptionsCheck
{
    public static void CheckRoot(LoguStyleLoggerOptions options, List<OptionsProblem> problems) =>
        Check(null, "QueueFullMode", options.QueueFullMode, "a queue-full mode", problems);

    /// <summary>Checks every enum option of <paramref name="sink"/>; false when Level or MaxLevel is not a level.</summary>
    public static bool Check(SinkOptions sink, List<OptionsProblem> problems)
    {
        var name = sink.Name;
        // Both checked, so both are reported: no short-circuit.
        var levels = Check(name, "Level", sink.Level, "a level", problems) & Check(name, "MaxLevel", sink.MaxLevel, "a level", problems);
        Check(name, "CallerInfo", sink.CallerInfo, "a caller source", problems);
        Check(name, "JsonFormat", sink.JsonFormat, "a JSON format", problems);
        foreach (var (category, level) in sink.Filter)
        {
            // A category's minimum level: a number that is no level filtered its records out without a word.
            Check(name, $"Filter:{category}", level, "a level", problems);
        }

        if (sink.QueueFullMode is { } mode)
        {
            Check(name, "QueueFullMode", mode, "a queue-full mode", problems);
        }

        switch (sink)
        {
            case ConsoleSinkOptions console:
                Check(name, "Stream", console.Stream, "a console stream", problems);
                Check(name, "Colorize", console.Colorize, "a colour mode", problems);
                break;
            case FileSinkOptions file:
                Check(name, "Mode", file.Mode, "a file mode", problems);
                break;
            case SyslogSinkOptions syslog:
                Check(name, "Protocol", syslog.Protocol, "a syslog protocol", problems);
                Check(name, "Framing", syslog.Framing, "a syslog framing", problems);
                Check(name, "Facility", syslog.Facility, "a syslog facility", problems);
                break;
        }

        return levels;
    }

    private static bool Check<T>(string? sinkName, string key, T value, string what, List<OptionsProblem> problems)
        where T : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            return true;
        }

        var problem = $"{key} {value} is not {what}; accepted: {string.Join(", ", Enum.GetNames<T>())}.";
        var error = OptionsProblem.Argument(sinkName is null ? problem : $"Sink '{sinkName}': {problem}");
        problems.Add(new(sinkName, key, problem, error));
        return false;
    }
}
