namespace LoguStyle.SideBySide;

/// <summary>The same line layout in each provider's own syntax: time, level, category, message.</summary>
internal static class Formats
{
    public const string LoguStyle = "{time:yyyy-MM-dd HH:mm:ss.fff} | {level:u3} | {category} - {message}";

    public const string Serilog = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} | {Level:u3} | {SourceContext} - {Message:lj}{NewLine}";

    /// <summary>The level's three letters in the layout, by <c>LogLevel</c> value (Trace to None), for the setups that write it themselves.</summary>
    public static readonly string[] ShortLevels = ["TRC", "DBG", "INF", "WRN", "ERR", "CRT", "NON"];

    public const string NLog = "${date:format=yyyy-MM-dd HH\\:mm\\:ss.fff} | ${level:format=TriLetter:uppercase=true} | ${logger} - ${message}";
}
