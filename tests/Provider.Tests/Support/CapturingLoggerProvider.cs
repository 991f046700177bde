using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Support;

/// <summary>
/// A plain MEL provider beside LoguStyle, as another library's would be: it keeps each call's message (from the
/// formatter) and a copy of its state's pairs, read during the call as providers must.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message, KeyValuePair<string, object?>[] State, Exception? Exception)> Calls { get; } = new();

    /// <summary>Each call's state object itself, kept past the call (as a provider must not, to show what it then holds).</summary>
    public ConcurrentQueue<object?> States { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            KeyValuePair<string, object?>[] pairs = state is IReadOnlyList<KeyValuePair<string, object?>> list
                ? [.. Enumerable.Range(0, list.Count).Select(i => list[i])]
                : [];
            owner.Calls.Enqueue((logLevel, eventId, formatter(state, exception), pairs, exception));
            owner.States.Enqueue(state);
        }
    }
}
