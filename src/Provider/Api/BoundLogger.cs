using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>A logger that adds bound properties to every record it writes, as a scope around each call.</summary>
internal sealed class BoundLogger(ILogger inner, BoundProperties properties) : ILogger
{
    /// <summary>
    /// Loguru's <c>bind</c>: binding on a bound logger makes one logger over the same inner logger with the properties
    /// merged, so a later bind of a name wins and the scope lists the binds in the order they were made (one scope per
    /// call, not a scope per bind, where the earliest bind was the innermost and won).
    /// </summary>
    public static ILogger Over(ILogger logger, BoundProperties added) =>
        logger is BoundLogger bound ? new BoundLogger(bound._inner, bound._properties.With(added)) : new BoundLogger(logger, added);

    private readonly ILogger _inner = inner;
    private readonly BoundProperties _properties = properties;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        using (_inner.BeginScope(_properties))
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
