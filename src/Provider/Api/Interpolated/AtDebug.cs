using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Debug($"...")</c>: <see cref="LogLevel.Debug"/>.</summary>
public readonly struct AtDebug : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Debug;
}
