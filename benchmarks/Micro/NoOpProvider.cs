using Microsoft.Extensions.Logging;

namespace LoguStyle.Micro;

/// <summary>A provider whose loggers are enabled and do nothing: MEL's own cost, the floor every provider starts from.</summary>
internal sealed class NoOpProvider(LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new NoOpLogger(minimum);

    public void Dispose()
    {
    }

    private sealed class NoOpLogger(LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
