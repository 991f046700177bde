using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Error($"...")</c>: <see cref="LogLevel.Error"/>.</summary>
public readonly struct AtError : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Error;
}
