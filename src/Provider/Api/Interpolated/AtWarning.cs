using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Warn($"...")</c>: <see cref="LogLevel.Warning"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtWarning : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Warning;
}
