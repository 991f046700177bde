using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The level of <c>logger.Success($"...")</c>: Loguru's SUCCESS, asked of MEL as its base,
/// <see cref="LogLevel.Information"/> (SUCCESS's base is fixed; its colour and icon may be restyled).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AtSuccess : ILogLevelMarker
{
    /// <inheritdoc />
    public static LogLevel Level => LogLevel.Information;
}
