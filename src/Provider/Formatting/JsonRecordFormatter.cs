using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record in LoguStyle's own schema (<see cref="JsonFormat.LoguStyle"/>, Loguru's <c>serialize</c>), fields
/// in the order of docs/json.md, absent when empty.
/// </summary>
internal sealed class JsonRecordFormatter : JsonLineFormatter
{
    /// <summary>The formatter of one sink; <paramref name="stackCaller"/> when it asked for <c>CallerInfo: StackTrace</c>.</summary>
    public JsonRecordFormatter(bool stackCaller = false)
        : base(JsonCallerFields.LoguStyle, stackCaller)
    {
    }

    protected override void WriteMinimal(Utf8JsonWriter writer, LogRecord record, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("time", record.Timestamp);
        writer.WriteString("level", LevelStyles.Name(record.Level));
        if (record.LevelName is { } levelName)
        {
            // A custom level: level stays the base, so shippers and readers filter on the six names they know.
            writer.WriteString("levelName", levelName);
        }

        writer.WriteString("category", JsonValueWriter.Safe(record.Category));
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }

    protected override void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
    {
        writer.WriteStartObject();
        writer.WriteString("time", record.Timestamp);
        writer.WriteString("level", LevelStyles.Name(record.Level));
        if (record.LevelName is { } levelName)
        {
            // A custom level: level stays the base, so shippers and readers filter on the six names they know.
            writer.WriteString("levelName", levelName);
        }

        writer.WriteString("category", JsonValueWriter.Safe(record.Category));
        if (record.EventId.Id != 0)
        {
            writer.WriteNumber("eventId", record.EventId.Id);
        }

        if (!string.IsNullOrEmpty(record.EventId.Name))
        {
            writer.WriteString("eventName", JsonValueWriter.Safe(record.EventId.Name));
        }

        writer.WriteString("message", JsonValueWriter.Safe(record.Message));
        if (record.Template is { } template)
        {
            writer.WriteString("template", JsonValueWriter.Safe(template));
        }

        if (record.Properties.Count > 0)
        {
            writer.WritePropertyName("props");
            JsonValueWriter.WriteObject(writer, record.Properties, 1, names);
        }

        if (record.Scopes.Count > 0)
        {
            writer.WritePropertyName("scopes");
            writer.WriteStartArray();
            foreach (var scope in record.Scopes)
            {
                JsonValueWriter.WriteScope(writer, scope, record, names);
            }

            writer.WriteEndArray();
        }

        if (record.Exception is { } exception)
        {
            writer.WritePropertyName("exception");
            JsonValueWriter.WriteException(writer, exception, 1, names, record.CaughtStack);
        }

        writer.WriteNumber("thread", record.ThreadId);
        writer.WriteNumber("process", record.ProcessId);
        if (record.TraceId is { } traceId)
        {
            writer.WriteString("traceId", traceId);
        }

        if (record.SpanId is { } spanId)
        {
            writer.WriteString("spanId", spanId);
        }

        WriteCaller(writer, record, names);

        writer.WriteEndObject();
    }
}
