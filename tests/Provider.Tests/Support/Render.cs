using System.Buffers;
using System.Text;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Support;

/// <summary>Renders records through a compiled plan, as a sink would, and returns the text.</summary>
internal static class Render
{
    public static readonly DateTimeOffset Time = new(2026, 11, 24, 9, 10, 0, 123, TimeSpan.FromHours(1));

    public static string With(string? template, LogRecord record, bool colored = false)
    {
        var plan = FormatPlan.Compile(template, "test", colored);
        var buffer = new Utf8Buffer(256);
        plan.Render(record, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static LogRecord Record(
        string message = "hello",
        LogLevel level = LogLevel.Information,
        string category = "Sample.Worker",
        Exception? exception = null,
        IReadOnlyList<KeyValuePair<string, object?>>? properties = null,
        IReadOnlyList<object?>? scopes = null) =>
        new(Time, level, category, message)
        {
            EventId = new EventId(1001, "OrderPlaced"),
            Exception = exception,
            Properties = properties ?? [],
            Scopes = scopes ?? [],
            ThreadId = 7,
            ProcessId = 4242,
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
            Elapsed = TimeSpan.FromMilliseconds(1500),
        };
}
