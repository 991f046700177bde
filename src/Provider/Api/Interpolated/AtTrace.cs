using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>The level of <c>logger.Trace($"...")</c>: <see cref="LogLevel.Trace"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtTrace : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Trace;
}
