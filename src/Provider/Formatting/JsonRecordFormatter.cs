using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record in LoguStyle's own schema (<see cref="JsonFormat.LoguStyle"/>, Loguru's <c>serialize</c>), fields
/// in the order of docs/json.md, absent when empty.
/// </summary>
internal sealed class JsonRecordFormatter : JsonLineFormatter
{
    public static JsonRecordFormatter Instance { get; } = new(stackCaller: false);

    /// <summary>For a sink with <c>CallerInfo: StackTrace</c>: writes a caller found from the stack too.</summary>
    public static JsonRecordFormatter WithStackCaller { get; } = new(stackCaller: true);

    private JsonRecordFormatter(bool stackCaller)
        : base(stackCaller)
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
            JsonValueWriter.WriteException(writer, exception, 1, names);
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

        if (record.ShowsCaller(StackCaller))
        {
            // The caller (Loguru's function, file, line): the file with its whole path, as the compiler gave it. Each
            // field only when known: a frame without line info (Native AOT) has a function and no file or line.
            if (record.CallerFunction is { Length: > 0 } function)
            {
                writer.WriteString("function", JsonValueWriter.Safe(function));
            }

            if (record.CallerFilePath is { Length: > 0 } file)
            {
                writer.WriteString("file", JsonValueWriter.Safe(file));
            }

            if (record.CallerLine > 0)
            {
                writer.WriteNumber("line", record.CallerLine);
            }
        }

        writer.WriteEndObject();
    }
}
