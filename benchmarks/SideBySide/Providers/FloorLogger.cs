using System.Text;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// A category's logger of <see cref="FloorWriter"/>. A template call's message is written from the template and the
/// call's values, already boxed by MEL, straight into bytes (<see cref="FloorTemplate"/>), as LoguStyle does: MEL's
/// string of it would be work a provider may skip. Any other call ([LoggerMessage]) takes MEL's formatter, whose
/// generated state boxes each value it is asked for, as LoguStyle does too. The writer adds the rest of the line.
/// </summary>
internal sealed class FloorLogger(FloorWriter writer, byte[] category, LogLevel minimum) : ILogger
{
    [ThreadStatic]
    private static byte[]? t_message;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = t_message ??= new byte[4096];
        if (TemplateState<TState>.Is && state is IReadOnlyList<KeyValuePair<string, object?>> values &&
            FloorTemplate.TryWrite(values, message, out var written))
        {
            // Rendered before the writer's lock, so threads format in parallel and hold the lock only to copy bytes.
            writer.Write(logLevel, category, message.AsSpan(0, written));
            return;
        }

        var text = formatter(state, exception);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length) <= message.Length ? Encoding.UTF8.GetBytes(text, message) : -1;
        writer.Write(logLevel, category, length >= 0 ? message.AsSpan(0, length) : Encoding.UTF8.GetBytes(text));
    }

    // MEL's state of a template call (LoggerExtensions.Log), told apart once per state type.
    private static class TemplateState<TState>
    {
        public static readonly bool Is = typeof(TState).FullName == "Microsoft.Extensions.Logging.FormattedLogValues";
    }
}
