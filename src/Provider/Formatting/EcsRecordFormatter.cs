using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record in the Elastic Common Schema (<see cref="JsonFormat.Ecs"/>) as the ecs-logging libraries do:
/// <c>@timestamp</c> (UTC), <c>log.level</c> and <c>message</c> first, then <c>ecs.version</c> and the other ECS
/// fields with dotted names (Elasticsearch and the ingest pipelines expand them), and what ECS has no field for under
/// the <c>logustyle</c> namespace (the template, the properties with their JSON types, the scope texts).
/// </summary>
internal sealed class EcsRecordFormatter : JsonLineFormatter
{
    /// <summary>The ECS version whose fields these are.</summary>
    public const string EcsVersion = "8.11.0";

    /// <summary>The formatter of one sink; <paramref name="stackCaller"/> when it asked for <c>CallerInfo: StackTrace</c>.</summary>
    public EcsRecordFormatter(bool stackCaller = false)
        : base(JsonCallerFields.Ecs, stackCaller)
    {
    }

    /// <summary>ECS's <c>log.level</c> is the source's own level name: MEL's.</summary>
    // The names as constants: LogLevel.ToString() boxes the level on every record.
    public static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => nameof(LogLevel.Trace),
        LogLevel.Debug => nameof(LogLevel.Debug),
        LogLevel.Information => nameof(LogLevel.Information),
        LogLevel.Warning => nameof(LogLevel.Warning),
        LogLevel.Error => nameof(LogLevel.Error),
        LogLevel.Critical => nameof(LogLevel.Critical),
        LogLevel.None => nameof(LogLevel.None),
        _ => level.ToString(),
    };

    protected override void WriteMinimal(Utf8JsonWriter writer, LogRecord record, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("@timestamp", record.Timestamp.UtcDateTime);
        writer.WriteString("log.level", Level(record.Level));
        writer.WriteString("message", message);
        writer.WriteString("ecs.version", EcsVersion);
        writer.WriteString("log.logger", JsonValueWriter.Safe(record.Category));
        writer.WriteEndObject();
    }

    protected override void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
    {
        writer.WriteStartObject();
        writer.WriteString("@timestamp", record.Timestamp.UtcDateTime);
        writer.WriteString("log.level", Level(record.Level));
        writer.WriteString("message", JsonValueWriter.Safe(record.Message));
        writer.WriteString("ecs.version", EcsVersion);
        writer.WriteString("log.logger", JsonValueWriter.Safe(record.Category));
        if (record.EventId.Id != 0)
        {
            // event.code is a keyword: the id as text.
            writer.WriteString("event.code", record.EventId.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(record.EventId.Name))
        {
            writer.WriteString("event.action", JsonValueWriter.Safe(record.EventId.Name));
        }

        writer.WriteNumber("process.pid", record.ProcessId);
        writer.WriteNumber("process.thread.id", record.ThreadId);
        if (record.TraceId is { } traceId)
        {
            writer.WriteString("trace.id", traceId);
        }

        if (record.SpanId is { } spanId)
        {
            writer.WriteString("span.id", spanId);
        }

        WriteCaller(writer, record, names);

        if (record.Exception is { } exception)
        {
            writer.WriteString("error.type", ExceptionText.TypeName(exception));
            writer.WriteString("error.message", JsonValueWriter.Safe(SafeText.MessageOf(exception) ?? string.Empty));

            // The {exception} token's text (type, message, cleaned stack, inner exceptions), as ECS's plain-text stack trace.
            writer.WriteString("error.stack_trace", JsonValueWriter.Safe(ExceptionText.Plain(exception, record.CaughtStack)));
        }

        var (pairs, scopeTexts) = FlatProperties.Of(record, names);
        if (record.Template is not null || record.LevelName is not null || pairs.Count > 0 || scopeTexts.Count > 0)
        {
            writer.WritePropertyName("logustyle");
            writer.WriteStartObject();
            if (record.LevelName is { } levelName)
            {
                // log.level stays MEL's level (the base), which ECS dashboards filter on; ECS has no field for the name.
                writer.WriteString("levelName", levelName);
            }

            if (record.Template is { } template)
            {
                writer.WriteString("template", JsonValueWriter.Safe(template));
            }

            if (pairs.Count > 0)
            {
                writer.WritePropertyName("props");
                JsonValueWriter.WriteObject(writer, pairs, 1, names);
            }

            if (scopeTexts.Count > 0)
            {
                writer.WritePropertyName("scopes");
                writer.WriteStartArray();
                foreach (var text in scopeTexts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
