using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>A logger that adds bound properties to every record it writes, as a scope around each call.</summary>
internal sealed class BoundLogger(ILogger inner, BoundProperties properties) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        using (inner.BeginScope(properties))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
