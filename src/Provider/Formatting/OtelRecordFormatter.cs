using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record as one OpenTelemetry <c>LogRecord</c> in the OTLP/JSON encoding (<see cref="JsonFormat.Otel"/>):
/// times as nanoseconds since the Unix epoch in decimal strings (64-bit integers are strings in OTLP/JSON), the
/// severity number of the log data model, the rendered message as the body, and every property as a typed
/// attribute (<see cref="OtelValueWriter"/>); trace and span ids in hex, as OTLP/JSON writes them.
/// </summary>
internal sealed class OtelRecordFormatter : JsonLineFormatter
{
    /// <summary>The attribute names LoguStyle adds (the others are the record's properties and the exception's semantic conventions).</summary>
    public const string CategoryAttribute = "logustyle.category";

    public const string TemplateAttribute = "logustyle.template";

    public const string EventIdAttribute = "logustyle.event_id";

    public const string ScopesAttribute = "logustyle.scopes";

    /// <summary>The formatter of one sink; <paramref name="stackCaller"/> when it asked for <c>CallerInfo: StackTrace</c>.</summary>
    public OtelRecordFormatter(bool stackCaller = false)
        : base(JsonCallerFields.Otel, stackCaller)
    {
    }

    private static readonly string[] OwnAttributes =
        [CategoryAttribute, EventIdAttribute, TemplateAttribute, ScopesAttribute, "exception.type", "exception.message", "exception.stacktrace", "thread.id", "process.pid", JsonCallerFields.Otel.Function, JsonCallerFields.Otel.File, JsonCallerFields.Otel.Line];

    /// <summary>The log data model's SeverityNumber for a MEL level (the first number of each range: TRACE 1 ... FATAL 21).</summary>
    public static int SeverityNumber(LogLevel level) => level switch
    {
        LogLevel.Trace => 1,
        LogLevel.Debug => 5,
        LogLevel.Information => 9,
        LogLevel.Warning => 13,
        LogLevel.Error => 17,
        LogLevel.Critical => 21,
        _ => 0,
    };

    /// <summary>Nanoseconds since the Unix epoch, as OTLP/JSON writes a fixed64: a decimal string.</summary>
    public static string UnixNanos(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);

    protected override void WriteMinimal(Utf8JsonWriter writer, LogRecord record, string message)
    {
        writer.WriteStartObject();
        WriteHead(writer, record, message);
        writer.WriteStartArray("attributes");
        OtelValueWriter.WriteAttribute(writer, CategoryAttribute, JsonValueWriter.Safe(record.Category), null);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    protected override void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
    {
        writer.WriteStartObject();
        WriteHead(writer, record, JsonValueWriter.Safe(record.Message));
        writer.WriteStartArray("attributes");
        names.Begin();

        // Own attributes are taken first, written or not: a record's property named like one of them gets the suffix
        // (docs/json.md), so a reader never takes it for ours.
        foreach (var own in OwnAttributes)
        {
            names.Unique(own);
        }

        OtelValueWriter.WriteAttribute(writer, CategoryAttribute, JsonValueWriter.Safe(record.Category), names);
        if (record.EventId.Id != 0)
        {
            OtelValueWriter.WriteAttribute(writer, EventIdAttribute, record.EventId.Id);
        }

        if (record.Template is { } template)
        {
            OtelValueWriter.WriteAttribute(writer, TemplateAttribute, JsonValueWriter.Safe(template), names);
        }

        if (record.Exception is { } exception)
        {
            // The semantic conventions' exception attributes.
            OtelValueWriter.WriteAttribute(writer, "exception.type", ExceptionText.TypeName(exception), names);
            OtelValueWriter.WriteAttribute(writer, "exception.message", SafeText.MessageOf(exception) ?? string.Empty, names);
            OtelValueWriter.WriteAttribute(writer, "exception.stacktrace", ExceptionText.Plain(exception, record.CaughtStack), names);
        }

        WriteCaller(writer, record, names);

        OtelValueWriter.WriteAttribute(writer, "thread.id", record.ThreadId);
        OtelValueWriter.WriteAttribute(writer, "process.pid", record.ProcessId);
        var (pairs, scopeTexts) = FlatProperties.Of(record, names);
        if (scopeTexts.Count > 0)
        {
            OtelValueWriter.WriteAttribute(writer, ScopesAttribute, scopeTexts, names);
        }

        // As OpenTelemetry's own MEL provider does: the template's values and the scopes' pairs are attributes, one value a name (FlatProperties).
        foreach (var (name, value) in pairs)
        {
            OtelValueWriter.WriteAttribute(writer, names.Unique(JsonValueWriter.Safe(CollectionValue.KeyText(name))), value, names);
        }

        names.End();
        writer.WriteEndArray();
        if (record.TraceId is { } traceId)
        {
            writer.WriteString("traceId", traceId);
        }

        if (record.SpanId is { } spanId)
        {
            writer.WriteString("spanId", spanId);
        }

        if (!string.IsNullOrEmpty(record.EventId.Name))
        {
            writer.WriteString("eventName", JsonValueWriter.Safe(record.EventId.Name));
        }

        writer.WriteEndObject();
    }

    private static void WriteHead(Utf8JsonWriter writer, LogRecord record, string message)
    {
        // The digits of UnixNanos written as bytes, without a string per record.
        Span<byte> nanos = stackalloc byte[20];
        ((record.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).TryFormat(nanos, out var written, default, CultureInfo.InvariantCulture);
        nanos = nanos[..written];
        writer.WriteString("timeUnixNano"u8, nanos);

        // The record is observed when it is captured, at the time it carries.
        writer.WriteString("observedTimeUnixNano"u8, nanos);
        writer.WriteNumber("severityNumber", SeverityNumber(record.Level));
        // The data model's SeverityText is the level's name as the source knows it: a custom level's own (SUCCESS).
        writer.WriteString("severityText", record.LevelName ?? EcsRecordFormatter.Level(record.Level));
        writer.WritePropertyName("body");
        writer.WriteStartObject();
        writer.WriteString("stringValue", message);
        writer.WriteEndObject();
    }
}
