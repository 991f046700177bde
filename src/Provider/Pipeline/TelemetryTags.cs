using System.Globalization;

namespace LoguStyle.Pipeline;

/// <summary>
/// Tags that Microsoft's telemetry stack (Microsoft.Extensions.Telemetry's ExtendedLogger and its enrichers) adds to a
/// record's state and that repeat a field LoguStyle writes on its own: the ExtendedLogger adds <c>exception.type</c>,
/// <c>exception.message</c> and <c>exception.stacktrace</c> to every record with an exception, the process enricher
/// <c>process.pid</c> and <c>thread.id</c>, and an enricher may carry <c>trace.id</c> and <c>span.id</c>. Written as properties too, each
/// fact would be in a line twice (in the OpenTelemetry format under the very same names); so a tag that repeats its
/// record's field is left out of the properties. A record released by a log buffer, which keeps neither the exception
/// object nor the thread, trace or span of the call, takes those fields from these tags.
/// </summary>
internal static class TelemetryTags
{
    public const string ExceptionType = "exception.type";
    public const string ExceptionMessage = "exception.message";
    public const string ExceptionStackTrace = "exception.stacktrace";
    public const string ProcessId = "process.pid";
    public const string ThreadId = "thread.id";
    public const string TraceId = "trace.id";
    public const string SpanId = "span.id";

    /// <summary>True when <paramref name="pair"/> is one of these tags and says what the record's own field says.</summary>
    // Hot path (every property of every record that reads properties): a switch on the name rejects other names by
    // their length and characters, without comparing whole strings.
    public static bool Repeats(in KeyValuePair<string, object?> pair, in RecordFields fields) => pair.Key switch
    {
        // The exception is written whole (type, message, stack, inner exceptions) as the record's exception.
        ExceptionType or ExceptionMessage or ExceptionStackTrace => fields.Exception is not null,
        ProcessId => Text(pair.Value) == fields.ProcessId.ToString(CultureInfo.InvariantCulture),
        ThreadId => Text(pair.Value) == fields.ThreadId.ToString(CultureInfo.InvariantCulture),
        TraceId => fields.TraceId is not null && Text(pair.Value) == fields.TraceId,
        SpanId => fields.SpanId is not null && Text(pair.Value) == fields.SpanId,
        _ => false,
    };

    /// <summary>The text of the tag <paramref name="name"/> in <paramref name="tags"/>, if there is one.</summary>
    public static string? Find(IReadOnlyList<KeyValuePair<string, object?>> tags, string name)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].Key == name)
            {
                return Text(tags[i].Value);
            }
        }

        return null;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Formatting.SafeText.Of(value),
    };
}
