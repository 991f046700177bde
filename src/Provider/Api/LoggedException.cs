namespace LoguStyle;

/// <summary>
/// An exception read back from a log file by <see cref="LogFile.Read(string)"/>, or released by a log buffer that kept
/// only its text (<c>IBufferedLogger</c>): its type name, message and stack as logged. Only LoguStyle creates one (the
/// type it stands for may not exist in the reading process); sinks write it as the type it names.
/// </summary>
public sealed class LoggedException : Exception
{
    private readonly string? _stack;

    /// <summary>Creates an exception read from a log.</summary>
    /// <param name="typeName">The logged exception's full type name.</param>
    /// <param name="message">Its message.</param>
    /// <param name="stack">Its stack trace as logged.</param>
    /// <param name="inner">Its inner exception, if one was logged.</param>
    internal LoggedException(string typeName, string message, string? stack, Exception? inner)
        : base(message, inner)
    {
        TypeName = typeName;
        _stack = stack;
    }

    /// <summary>
    /// The children of an aggregate as logged (LoguStyle JSON's <c>inner</c> array), so it is written again as an
    /// aggregate is, a child each (the first is also the inner exception); null for any other exception.
    /// </summary>
    internal IReadOnlyList<Exception>? Children { get; init; }

    /// <summary>
    /// The marker of inner exceptions the log left out (LoguStyle JSON's <c>more</c>: a chain deeper than the bound, a
    /// cycle), so it is written again where it was; null when nothing was cut.
    /// </summary>
    internal string? More { get; init; }

    /// <summary>The logged exception's full type name.</summary>
    public string TypeName { get; }

    /// <summary>
    /// The exceptions logged inside this one, each a <see cref="LoggedException"/>: an aggregate's children in their
    /// order (what <see cref="AggregateException.InnerExceptions"/> held), else its <see cref="Exception.InnerException"/>
    /// alone, or none.
    /// </summary>
    /// <example>
    /// <code>
    /// foreach (var record in LogFile.Read("logs/app.json"))
    /// {
    ///     if (record.Exception is LoggedException { TypeName: "System.AggregateException" } aggregate)
    ///     {
    ///         Console.WriteLine(string.Join(", ", aggregate.InnerExceptions.Select(child => child.Message)));
    ///     }
    /// }
    /// </code>
    /// </example>
    public IReadOnlyList<Exception> InnerExceptions => Children ?? (InnerException is { } inner ? [inner] : []);

    /// <inheritdoc />
    public override string? StackTrace => _stack;

    /// <summary>
    /// The exception as a text sink wrote it, uncoloured and unescaped (the <c>{exception}</c> token's text, as CLEF's
    /// <c>@x</c> carries it): type and message, <c>Data</c>, stack, then each inner exception or aggregate child.
    /// </summary>
    /// <returns>The exception's text.</returns>
    public override string ToString() => Formatting.ExceptionText.Plain(this);
}
