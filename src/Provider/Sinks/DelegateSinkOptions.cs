namespace LoguStyle;

/// <summary>
/// A sink that hands each record to your code (Loguru's callable sink): an <see cref="Action{LogRecord}"/>, an
/// asynchronous <see cref="Func{LogRecord, CancellationToken, ValueTask}"/>, or an <see cref="Action{String}"/> that
/// receives the formatted text. Code only.
/// </summary>
public sealed class DelegateSinkOptions : SinkOptions
{
    /// <summary>A sink that calls <paramref name="write"/> on the logging thread with each record.</summary>
    /// <param name="name">The sink's name.</param>
    /// <param name="write">Called once per accepted record; an exception it throws is reported, never rethrown.</param>
    public DelegateSinkOptions(string name, Action<LogRecord> write)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write = write;
    }

    /// <summary>
    /// A sink that awaits <paramref name="writeAsync"/> for each record on a background writer, one record at a
    /// time, in order. The logging call never waits for the delegate, only for room in the sink's queue.
    /// </summary>
    /// <param name="name">The sink's name.</param>
    /// <param name="writeAsync">Awaited once per accepted record; its token is cancelled when a drain times out.</param>
    public DelegateSinkOptions(string name, Func<LogRecord, CancellationToken, ValueTask> writeAsync)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(writeAsync);
        WriteAsync = writeAsync;
    }

    private DelegateSinkOptions(string name, Action<string> writeText)
        : base(name)
    {
        WriteText = writeText;
    }

    /// <summary>A sink that calls <paramref name="writeText"/> with each record formatted by <see cref="SinkOptions.Format"/> (no colours).</summary>
    /// <param name="name">The sink's name.</param>
    /// <param name="writeText">Called once per accepted record with its text, which ends with a newline.</param>
    /// <returns>The sink's options.</returns>
    public static DelegateSinkOptions ForText(string name, Action<string> writeText)
    {
        ArgumentNullException.ThrowIfNull(writeText);
        return new DelegateSinkOptions(name, writeText);
    }

    /// <summary>The record callback, when this sink was built with one.</summary>
    internal Action<LogRecord>? Write { get; }

    /// <summary>The asynchronous record callback, when this sink was built with one.</summary>
    internal Func<LogRecord, CancellationToken, ValueTask>? WriteAsync { get; }

    /// <summary>The text callback, when this sink was built with one.</summary>
    internal Action<string>? WriteText { get; }

    /// <inheritdoc />
    internal override string Kind => "Delegate";
}
