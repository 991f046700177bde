using LoguStyle.Sinks;

namespace LoguStyle;

/// <summary>
/// What a <see cref="LoguStyleLoggerProvider"/> writes to: its sinks. A plain options class; in a host,
/// <c>AddLoguStyle</c> fills it from code and from the <c>Logging:LoguStyle</c> configuration section.
/// </summary>
public sealed class LoguStyleOptions
{
    /// <summary>
    /// The sinks, each with its own level, filter and format. Default: empty, which means one coloured
    /// console sink with Loguru's default format (what <c>AddLoguStyle()</c> gives).
    /// </summary>
    public IList<SinkOptions> Sinks { get; } = new List<SinkOptions>();
}
