using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Critical($"...")</c>: <see cref="LogLevel.Critical"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtCritical : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Critical;
}
