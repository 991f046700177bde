using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Info($"...")</c>: <see cref="LogLevel.Information"/>.</summary>
public readonly struct AtInformation : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Information;
}
