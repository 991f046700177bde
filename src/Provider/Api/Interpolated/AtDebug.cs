using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Debug($"...")</c>: <see cref="LogLevel.Debug"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtDebug : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Debug;
}
