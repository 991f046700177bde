using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Names the level of an <see cref="InterpolatedLogHandler{TLevel}"/> in its type, so one handler serves every level
/// (<see cref="AtInformation"/> for <c>logger.Info($"...")</c>, ...). Implemented by LoguStyle's markers only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILogLevelMarker
{
    /// <summary>The level the handler asks the logger about.</summary>
    static abstract LogLevel Level { get; }
}
