using System.ComponentModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The interpolated string handler of <c>logger.Info($"User {user.Id} bought {count} items")</c> and the other
/// Loguru-style levels: it asks the logger whether <typeparamref name="TLevel"/>'s level is enabled before anything
/// else, and when it is not, the holes are not evaluated and nothing is formatted or allocated. When it is, each
/// hole's value is kept as it is (numbers stay numbers) under a name made from its expression, and the call logs a
/// state that every MEL provider reads as a message template (docs/api.md#interpolated-messages).
/// </summary>
/// <typeparam name="TLevel">The level (<see cref="AtInformation"/>, ...).</typeparam>
// RS0026 (several overloads with optional parameters): the compiler calls these, passing the alignment and format it
// found and the expression it saw; as DefaultInterpolatedStringHandler's, they are never called by hand.
#pragma warning disable RS0026
[InterpolatedStringHandler]
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct InterpolatedLogHandler<TLevel>
    where TLevel : struct, ILogLevelMarker
{
    private readonly InterpolatedLogState? _state;

    /// <summary>Called by the compiler: checks the level, and takes the thread's state when it is enabled.</summary>
    /// <param name="literalLength">The length of the literal parts (unused).</param>
    /// <param name="formattedCount">The number of holes (unused).</param>
    /// <param name="logger">The logger the call writes to.</param>
    /// <param name="shouldAppend">False when the level is off: the compiler then skips the holes.</param>
    public InterpolatedLogHandler(int literalLength, int formattedCount, ILogger logger, out bool shouldAppend)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _state = logger.IsEnabled(TLevel.Level) ? InterpolatedLogState.Rent() : null;
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

    /// <summary>Logs the built message with the caller, when the level was enabled.</summary>
    internal readonly void Log(ILogger logger, EventId eventId, Exception? exception, string function, string filePath, int line) =>
        _state?.Log(logger, TLevel.Level, eventId, exception, function, filePath, line);

    /// <summary>Logs the built message with a level's name (<c>logger.Success($"...")</c>), when the level was enabled.</summary>
    internal readonly void LogNamed(ILogger logger, string name, EventId eventId, Exception? exception, string function, string filePath, int line) =>
        _state?.LogNamed(logger, TLevel.Level, name, eventId, exception, function, filePath, line);
}
#pragma warning restore RS0026
