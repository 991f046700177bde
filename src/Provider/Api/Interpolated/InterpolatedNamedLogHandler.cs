using System.ComponentModel;
using System.Runtime.CompilerServices;
using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The interpolated string handler of <c>logger.Log("SUCCESS", $"...")</c>: as <see cref="InterpolatedLogHandler{TLevel}"/>,
/// with the level found by its name when the call starts (a custom level, <c>SUCCESS</c>, or one of MEL's). The logger is
/// asked about the name's base level before anything else; when it is off, the holes are not evaluated. A name no
/// provider defined is logged at Information and reported once on stderr, as the template form does.
/// </summary>
// RS0026: as InterpolatedLogHandler's, these are called by the compiler only.
#pragma warning disable RS0026
[InterpolatedStringHandler]
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct InterpolatedNamedLogHandler
{
    private readonly InterpolatedLogState? _state;
    private readonly LogLevel _level;
    private readonly string? _name;

    /// <summary>Called by the compiler: finds the level, checks it, and takes the thread's state when it is enabled.</summary>
    /// <param name="literalLength">The length of the literal parts (unused).</param>
    /// <param name="formattedCount">The number of holes (unused).</param>
    /// <param name="logger">The logger the call writes to.</param>
    /// <param name="level">The level's name.</param>
    /// <param name="shouldAppend">False when the level is off: the compiler then skips the holes.</param>
    public InterpolatedNamedLogHandler(int literalLength, int formattedCount, ILogger logger, string level, out bool shouldAppend)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!LevelRegistry.TryFind(level ?? string.Empty, out _level, out _name))
        {
            LevelRegistry.ReportUnknown(level ?? "(null)");
        }

        _state = logger.IsEnabled(_level) ? InterpolatedLogState.Rent() : null;
        shouldAppend = _state is not null;
    }

    /// <summary>True when the level was enabled and the message is being built.</summary>
    public readonly bool IsEnabled => _state is not null;

    /// <summary>Called by the compiler for a literal part.</summary>
    /// <param name="value">The literal text.</param>
    public readonly void AppendLiteral(string? value) => _state?.AppendLiteral(value);

    /// <summary>Called by the compiler for a hole: the value is kept as it is, named after its expression.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="alignment">The hole's alignment (<c>{name,10}</c>).</param>
    /// <param name="format">The hole's format (<c>{price:F2}</c>).</param>
    /// <param name="expression">The hole's expression, given by the compiler.</param>
    public readonly void AppendFormatted<T>(T value, int alignment = 0, string? format = null, [CallerArgumentExpression(nameof(value))] string? expression = null) =>
        _state?.AppendValue(value, alignment, format, expression);

    /// <summary>Called by the compiler for a span hole: kept as a string.</summary>
    /// <param name="value">The value.</param>
    /// <param name="alignment">The hole's alignment.</param>
    /// <param name="format">The hole's format.</param>
    /// <param name="expression">The hole's expression, given by the compiler.</param>
    public readonly void AppendFormatted(ReadOnlySpan<char> value, int alignment = 0, string? format = null, [CallerArgumentExpression(nameof(value))] string? expression = null) =>
        _state?.AppendValue(_state is null ? null : value.ToString(), alignment, format, expression);

    /// <summary>Logs the built message at the base level with the level's name and the caller, when the level was enabled.</summary>
    internal readonly void Log(ILogger logger, EventId eventId, Exception? exception, string function, string filePath, int line) =>
        _state?.LogNamed(logger, _level, _name, eventId, exception, function, filePath, line);
}
#pragma warning restore RS0026
