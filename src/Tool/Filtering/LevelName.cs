using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Filtering;

/// <summary>
/// The level names <c>--level</c> takes, ignoring case: the names the JSON formats write (LoguStyle's <c>INFO</c>,
/// MEL's <c>Information</c>, Serilog's <c>Verbose</c>/<c>Fatal</c>, which <see cref="LogFile"/> reads), <c>WARN</c>, and
/// <c>SUCCESS</c>, whose base is Information.
/// </summary>
internal static class LevelName
{
    public const string Accepted = "Trace, Debug, Information (Info, Success), Warning (Warn), Error, Critical, ignoring case; Verbose and Fatal as Serilog names them";

    public static bool TryParse(string text, out LogLevel level)
    {
        if (LogFile.Levels.TryGetValue(text, out level))
        {
            return true;
        }

        (var known, level) = text.ToUpperInvariant() switch
        {
            "WARN" => (true, LogLevel.Warning),
            "SUCCESS" => (true, LogLevel.Information),
            _ => (false, LogLevel.None),
        };
        return known;
    }
}
