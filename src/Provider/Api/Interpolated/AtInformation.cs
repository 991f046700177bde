using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Info($"...")</c>: <see cref="LogLevel.Information"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtInformation : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Information;
}
