using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Error($"...")</c>: <see cref="LogLevel.Error"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtError : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Error;
}
