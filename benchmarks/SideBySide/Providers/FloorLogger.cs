using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>A category's logger of <see cref="FloorWriter"/>: MEL's formatter gives the message, the writer the rest.</summary>
internal sealed class FloorLogger(FloorWriter writer, byte[] category, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            writer.Write(logLevel, category, formatter(state, exception));
        }
    }
}
