using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoguStyle.Pipeline;

/// <summary>
/// Makes a <see cref="LogRecord"/> of a record that a log buffer (Microsoft.Extensions.Telemetry's
/// <c>AddGlobalLogBuffer</c>, ASP.NET Core's per-request buffer) held and now releases through
/// <see cref="IBufferedLogger"/>: the record keeps its own time, level, event id, message, template and properties, and
/// the thread, trace and span ids and the exception the buffer carried, never the flush's.
/// </summary>
/// <remarks>
/// Microsoft's buffer keeps less than a live call has: the values as their text, the exception's message only (with
/// the ExtendedLogger's <c>exception.*</c> tags beside it), no scopes, and no thread, trace or span id
/// (<see cref="BufferedLogRecord.ManagedThreadId"/> and the rest are null). Those come from the record when a producer
/// sets them, else from the <see cref="TelemetryTags"/> an enricher added before the record was buffered, else they are
/// left empty: the thread, trace and scopes of the code that flushes are not the record's.
/// </remarks>
internal static class BufferedCapture
{
    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly int ProcessId = Environment.ProcessId;

    /// <summary>The record of <paramref name="buffered"/>, standalone (a buffer reuses its records once the call returns).</summary>
    public static LogRecord Capture(LoguStyleLogger logger, BufferedLogRecord buffered)
    {
        var provider = logger.Provider;
        var tags = buffered.Attributes ?? [];
        var template = RecordCapture.KeptTemplate(buffered.MessageTemplate ?? TemplateOf(tags));
        var exception = ExceptionOf(buffered.Exception, tags);
        var threadId = buffered.ManagedThreadId ??
            (int.TryParse(TelemetryTags.Find(tags, TelemetryTags.ThreadId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0);
        var traceId = buffered.ActivityTraceId?.ToHexString() ?? TelemetryTags.Find(tags, TelemetryTags.TraceId);
        var spanId = buffered.ActivitySpanId?.ToHexString() ?? TelemetryTags.Find(tags, TelemetryTags.SpanId);

        // Snapshotted: a queue's writer reads the values after the buffer has reused them.
        var properties = RecordCapture.ReadProperties(tags, snapshot: true, new RecordFields(exception, threadId, ProcessId, traceId, spanId));
        var message = buffered.FormattedMessage ??
            (template is not null && Formatting.MessageTemplate.For(template) is { } parsed ? parsed.RenderText(tags) : string.Empty);
        var timestamp = provider.ToLocal(buffered.Timestamp);
        return new LogRecord().Reset(
            timestamp,
            buffered.LogLevel,
            logger.Category,
            logger.CategoryUtf8,
            buffered.EventId,
            message,
            template,
            null,
            [.. properties],
            exception,
            null,
            threadId,
            ProcessId,
            traceId,
            spanId,
            provider.ElapsedAt(timestamp));
    }

    private static string? TemplateOf(IReadOnlyList<KeyValuePair<string, object?>> tags) =>
        TelemetryTags.Find(tags, OriginalFormat);

    /// <summary>
    /// The exception the buffer carried: its text (Microsoft's buffer keeps the message), typed and with its stack when
    /// the ExtendedLogger's <c>exception.type</c> and <c>exception.stacktrace</c> tags came with it; null when there was none
    /// (Microsoft's buffer gives an empty text then).
    /// </summary>
    private static LoggedException? ExceptionOf(string? text, IReadOnlyList<KeyValuePair<string, object?>> tags)
    {
        var type = TelemetryTags.Find(tags, TelemetryTags.ExceptionType);
        if (string.IsNullOrEmpty(text) && type is null)
        {
            return null;
        }

        // Without a type, as MEL's own fallback for a logger without IBufferedLogger does: new Exception(text).
        var message = !string.IsNullOrEmpty(text) ? text : TelemetryTags.Find(tags, TelemetryTags.ExceptionMessage) ?? string.Empty;
        type ??= typeof(Exception).FullName!;
        return new LoggedException(type, message, StackOf(TelemetryTags.Find(tags, TelemetryTags.ExceptionStackTrace), type, message), null);
    }

    /// <summary>
    /// The stack frames of the ExtendedLogger's <c>exception.stacktrace</c>, which begins with the type and (when it
    /// includes messages) the message, the first frame on the same line as the type otherwise; the exception prints
    /// its type and message itself. Inner exceptions stay in the text as it gives them.
    /// </summary>
    private static string? StackOf(string? trace, string type, string message)
    {
        if (string.IsNullOrEmpty(trace))
        {
            return null;
        }

        var stack = trace.AsSpan();
        if (stack.StartsWith(type + ": ", StringComparison.Ordinal))
        {
            stack = stack[(type.Length + 2)..];
            if (message.Length > 0 && stack.StartsWith(message, StringComparison.Ordinal))
            {
                stack = stack[message.Length..].TrimStart("\r\n");
            }
        }

        var text = stack.ToString();
        return text.StartsWith("at ", StringComparison.Ordinal) ? "   " + text : text;
    }
}
