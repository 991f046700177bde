using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoguStyle.Formatting;
using LoguStyle.Pipeline;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// The state an interpolated Loguru-style call hands to <c>ILogger.Log</c>: a list of the holes' names and values with
/// <c>{OriginalFormat}</c> last, as MEL's own template state, so every provider reads the same properties and
/// message; LoguStyle also reads the caller (<see cref="Function"/>, <see cref="FilePath"/>, <see cref="Line"/>) from it.
/// </summary>
/// <remarks>
/// One per thread, reused: a call allocates only the boxes of its value-type values. The state is valid during the
/// <c>Log</c> call only (as MEL's is for a <c>[LoggerMessage]</c> state that a provider boxes); a provider that keeps
/// records copies what it keeps, as LoguStyle's queues, MEL's console and OpenTelemetry's batching processor do. A
/// value whose formatting logs again gets a state of its own (the thread's is taken while in use).
/// </remarks>
internal sealed class InterpolatedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    // A state that grew past these for an unusual call is not kept for the next, small ones.
    private const int MaxRetainedPieces = 64;

    private static readonly Func<InterpolatedLogState, Exception?, string> Formatter = static (state, _) => state.ToString();

    [ThreadStatic]
    private static InterpolatedLogState? t_free;

    // The state whose Log call is in progress on this thread: a wrapping logger (Microsoft.Extensions.Telemetry's
    // ExtendedLogger) hands the providers a state of its own, built from this one's pairs during the call, so
    // LoguStyle finds the caller here (CallerFor). Set by Loguru-style calls only; a plain MEL call never reads it.
    [ThreadStatic]
    private static InterpolatedLogState? t_logging;

    private InterpolatedPiece[] _pieces = new InterpolatedPiece[16];
    private int _pieceCount;
    private object?[] _values = new object?[8];
    private int _valueCount;
    private int _hash;
    private InterpolatedShape? _shape;
    private string? _message;

    /// <summary>The calling member (<c>[CallerMemberName]</c>).</summary>
    public string? Function { get; private set; }

    /// <summary>The calling source file, the whole path the compiler saw (<c>[CallerFilePath]</c>).</summary>
    public string? FilePath { get; private set; }

    /// <summary>The calling line (<c>[CallerLineNumber]</c>).</summary>
    public int Line { get; private set; }

    public int Count => _valueCount + 1;

    public KeyValuePair<string, object?> this[int index] =>
        (uint)index < (uint)_valueCount ? new(Shape.Names[index], _values[index])
        : index == _valueCount ? new(OriginalFormat, Shape.Template)
        : throw new ArgumentOutOfRangeException(nameof(index));

    private InterpolatedShape Shape => _shape ??= InterpolatedShapes.For(_pieces.AsSpan(0, _pieceCount), _hash);

    /// <summary>The thread's state, or a new one when it is in use (a value's formatting that logs).</summary>
    public static InterpolatedLogState Rent()
    {
        var state = t_free ?? new InterpolatedLogState();
        t_free = null;
        return state;
    }

    public void AppendLiteral(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Add(new InterpolatedPiece(value, null, null, 0));
        }
    }

    // Hot path: one box for a value type, nothing for a reference.
    public void AppendValue(object? value, int alignment, string? format, string? expression)
    {
        if (_valueCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
        }

        _values[_valueCount++] = value;
        Add(new InterpolatedPiece(null, expression, format, alignment));
    }

    /// <summary>Logs the message through <paramref name="logger"/> and gives the state back to the thread.</summary>
    public void Log(ILogger logger, LogLevel level, EventId eventId, Exception? exception, string function, string filePath, int line)
    {
        Function = function;
        FilePath = filePath;
        Line = line;
        var outer = t_logging;
        t_logging = this;
        try
        {
            logger.Log(level, eventId, this, exception, Formatter);
        }
        finally
        {
            t_logging = outer;
            Return();
        }
    }

    /// <summary>
    /// Logs the message at <paramref name="level"/> with a level's <paramref name="name"/> (SUCCESS, a custom level):
    /// the name rides beside MEL's call, as for the template form (see LevelCall).
    /// </summary>
    public void LogNamed(ILogger logger, LogLevel level, string? name, EventId eventId, Exception? exception, string function, string filePath, int line)
    {
        var previous = LevelCall.Enter(name);
        try
        {
            Log(logger, level, eventId, exception, function, filePath, line);
        }
        finally
        {
            LevelCall.Exit(previous);
        }
    }

    /// <summary>
    /// The Loguru-style call in progress on this thread whose pairs <paramref name="list"/>, a wrapping logger's state,
    /// carries: its <c>{OriginalFormat}</c> is this call's very template string (a record logged from inside the call,
    /// by a value's formatting, has a template of its own). Null for any other state.
    /// </summary>
    public static InterpolatedLogState? CallerFor(IReadOnlyList<KeyValuePair<string, object?>> list)
    {
        var logging = t_logging;
        return logging is not null && ReferenceEquals(MessageTemplate.TemplateOf(list), logging.Shape.Template) ? logging : null;
    }

    /// <summary>The message as MEL renders a template's message: invariant culture, <c>(null)</c>, lists joined.</summary>
    public override string ToString() => _message ??= Render();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Add(InterpolatedPiece piece)
    {
        if (_pieceCount == _pieces.Length)
        {
            Array.Resize(ref _pieces, _pieces.Length * 2);
        }

        _pieces[_pieceCount++] = piece;
        _hash = HashCode.Combine(_hash, piece.IdentityHash());
    }

    private string Render()
    {
        var text = new DefaultInterpolatedStringHandler(0, _valueCount, CultureInfo.InvariantCulture, stackalloc char[256]);
        var hole = 0;
        foreach (var piece in _pieces.AsSpan(0, _pieceCount))
        {
            if (!piece.IsHole)
            {
                text.AppendLiteral(piece.Literal!);
                continue;
            }

            var value = _values[hole++];
            try
            {
                MessageTemplate.AppendHole(ref text, value, piece.Format, piece.Alignment);
            }
#pragma warning disable CA1031 // A value's formatting is user code; the message is still made, with a marker for it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                text.AppendLiteral(SafeText.Failed(value, ex));
            }
        }

        return text.ToStringAndClear();
    }

    private void Return()
    {
        Array.Clear(_values, 0, _valueCount);
        if (_pieces.Length > MaxRetainedPieces)
        {
            _pieces = new InterpolatedPiece[16];
            _values = new object?[8];
        }
        else
        {
            Array.Clear(_pieces, 0, _pieceCount);
        }

        _pieceCount = 0;
        _valueCount = 0;
        _hash = 0;
        _shape = null;
        _message = null;
        Function = null;
        FilePath = null;
        Line = 0;
        t_free = this;
    }
}
