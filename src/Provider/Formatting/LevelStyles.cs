using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>Per-level names, three-letter codes, icons and colours (Loguru's level table, on MEL's six levels).</summary>
internal static class LevelStyles
{
    // Indexed by (int)LogLevel: Trace, Debug, Information, Warning, Error, Critical, None.
    private static readonly string[] Names = ["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NONE"];
    private static readonly string[] ShortNames = ["TRC", "DBG", "INF", "WRN", "ERR", "CRT", "NON"];
    private static readonly string[] Icons = ["\u270F\uFE0F", "\U0001F41E", "\u2139\uFE0F", "\u26A0\uFE0F", "\u274C", "\u2620\uFE0F", ""];

    // Loguru: TRACE <cyan><bold>, DEBUG <blue><bold>, INFO <bold>, WARNING <yellow><bold>, ERROR <red><bold>,
    // CRITICAL <RED><bold> (red background).
    private static readonly string[] Sgr = ["36;1", "34;1", "1", "33;1", "31;1", "41;1", "0"];

    /// <summary>The number of level slots (MEL's six levels and None).</summary>
    public const int Count = 7;

    public static string Name(LogLevel level) => Names[Index(level)];

    public static string ShortName(LogLevel level) => ShortNames[Index(level)];

    public static string Icon(LogLevel level) => Icons[Index(level)];

    public static string SgrFor(LogLevel level) => Sgr[Index(level)];

    /// <summary>
    /// What is wrong with <paramref name="text"/> as a level's name or icon, or null: a character that would be written
    /// raw into every record of that level, breaking one record a line or the terminal (see <see cref="PrintableText"/>).
    /// Worded to follow the option or key path.
    /// </summary>
    public static string? ControlProblem(string text) => PrintableText.FirstUnprintable(text) is { } what
        ? $"holds {what}; accepted: printable characters only, since a level's name and icon are written into every record's line."
        : null;

    private static int Index(LogLevel level) => (uint)level < Count ? (int)level : Count - 1;
}
