using System.Globalization;
using System.Text.Json;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Reads a line of the foreign <see cref="JsonFormat"/>s back into a <see cref="LogRecord"/> for
/// <see cref="LogFile.Read(string)"/>, each told by its shape: CLEF by <c>@t</c>, ECS by <c>@timestamp</c>, OTLP by
/// <c>timeUnixNano</c>. Scope pairs come back among the properties and scope texts as the scopes, as those formats
/// carry them.
/// </summary>
internal static class JsonLineShapes
{
    /// <summary>The record of a CLEF, ECS or OTLP line; null for any other shape.</summary>
    public static LogRecord? TryRead(JsonElement root)
    {
        if (root.TryGetProperty("@t", out var clefTime))
        {
            return Clef(root, clefTime);
        }

        if (root.TryGetProperty("@timestamp", out var ecsTime))
        {
            return Ecs(root, ecsTime);
        }

        return root.TryGetProperty("timeUnixNano", out var otelTime) ? Otel(root, otelTime) : null;
    }

    private static LogRecord Clef(JsonElement root, JsonElement time)
    {
        var template = LogFile.Text(root, "@mt");
        var properties = new List<KeyValuePair<string, object?>>();
        IReadOnlyList<object?> scopes = [];
        var eventName = (string?)null;
        var levelName = (string?)null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "SourceContext" or "ThreadId" or "ProcessId":
                    break;
                case "LevelName" when property.Value.ValueKind == JsonValueKind.String:
                    levelName = property.Value.GetString();
                    break;
                case "EventId" when property.Value.ValueKind == JsonValueKind.Object:
                    eventName = LogFile.Text(property.Value, "Name");
                    break;
                case "Scope" when property.Value.ValueKind == JsonValueKind.Array:
                    scopes = [.. property.Value.EnumerateArray().Select(LogFile.Value)];
                    break;
                case var name when name.StartsWith("@@", StringComparison.Ordinal):
                    // CLEF's escape of a property whose own name starts with '@'.
                    properties.Add(new(name[1..], LogFile.Value(property.Value)));
                    break;
                case var name when name.StartsWith('@'):
                    break;
                default:
                    properties.Add(new(property.Name, LogFile.Value(property.Value)));
                    break;
            }
        }

        var level = LogFile.Text(root, "@l") is { } levelText ? LevelOf(levelText) : LogLevel.Information;
        return new LogRecord(time.GetDateTimeOffset(), level, LogFile.Text(root, "SourceContext") ?? string.Empty, LogFile.Text(root, "@m") ?? template ?? string.Empty)
        {
            LevelName = levelName,
            EventId = new EventId(ClefEventId(root), eventName),
            Template = template,
            Properties = properties,
            Scopes = scopes,
            Exception = LogFile.Text(root, "@x") is { } text ? FromText(text) : null,
            ThreadId = LogFile.Int(root, "ThreadId"),
            ProcessId = LogFile.Int(root, "ProcessId"),
            TraceId = LogFile.Text(root, "@tr"),
            SpanId = LogFile.Text(root, "@sp"),
        };
    }

    /// <summary>CLEF's <c>@i</c>: a number, or the decimal text a negative id is written as (a hash's hex text reads as 0).</summary>
    private static int ClefEventId(JsonElement root) =>
        root.TryGetProperty("@i", out var id) && id.ValueKind == JsonValueKind.String
            ? int.TryParse(id.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0
            : LogFile.Int(root, "@i");

    private static LogRecord Ecs(JsonElement root, JsonElement time)
    {
        var custom = root.TryGetProperty("logustyle", out var namespaced) && namespaced.ValueKind == JsonValueKind.Object ? namespaced : default;
        var hasCustom = custom.ValueKind == JsonValueKind.Object;
        var exception = LogFile.Text(root, "error.type") is { } type
            ? FromWholeText(type, LogFile.Text(root, "error.message") ?? string.Empty, LogFile.Text(root, "error.stack_trace"))
            : null;
        return new LogRecord(time.GetDateTimeOffset(), LevelOf(LogFile.Text(root, "log.level")), LogFile.Text(root, "log.logger") ?? string.Empty, LogFile.Text(root, "message") ?? string.Empty)
        {
            EventId = new EventId(int.TryParse(LogFile.Text(root, "event.code"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : 0, LogFile.Text(root, "event.action")),
            LevelName = hasCustom ? LogFile.Text(custom, "levelName") : null,
            Template = hasCustom ? LogFile.Text(custom, "template") : null,
            Properties = hasCustom && custom.TryGetProperty("props", out var props) && props.ValueKind == JsonValueKind.Object ? LogFile.Pairs(props) : [],
            Scopes = hasCustom && custom.TryGetProperty("scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array ? [.. scopes.EnumerateArray().Select(LogFile.Value)] : [],
            Exception = exception,
            ThreadId = LogFile.Int(root, "process.thread.id"),
            ProcessId = LogFile.Int(root, "process.pid"),
            TraceId = LogFile.Text(root, "trace.id"),
            SpanId = LogFile.Text(root, "span.id"),
            CallerFunction = LogFile.Text(root, JsonCallerFields.Ecs.Function),
            CallerFilePath = LogFile.Text(root, JsonCallerFields.Ecs.File),
            CallerLine = LogFile.Int(root, JsonCallerFields.Ecs.Line),
        };
    }

    private static LogRecord Otel(JsonElement root, JsonElement time)
    {
        var attributes = new List<KeyValuePair<string, object?>>();
        if (root.TryGetProperty("attributes", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            attributes.AddRange(list.EnumerateArray().Select(Attribute));
        }

        object? Take(string key)
        {
            var index = attributes.FindIndex(a => string.Equals(a.Key, key, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var value = attributes[index].Value;
            attributes.RemoveAt(index);
            return value;
        }

        var category = Take(OtelRecordFormatter.CategoryAttribute) as string;
        var eventId = Take(OtelRecordFormatter.EventIdAttribute) is long id ? (int)id : 0;
        var template = Take(OtelRecordFormatter.TemplateAttribute) as string;
        var scopes = Take(OtelRecordFormatter.ScopesAttribute) as object?[];
        var exceptionType = Take("exception.type") as string;
        var exceptionMessage = Take("exception.message") as string;
        var exceptionStack = Take("exception.stacktrace") as string;
        var thread = Take("thread.id") is long threadId ? (int)threadId : 0;
        var process = Take("process.pid") is long processId ? (int)processId : 0;
        var function = Take(JsonCallerFields.Otel.Function) as string;
        var filePath = Take(JsonCallerFields.Otel.File) as string;
        var line = Take(JsonCallerFields.Otel.Line) is long lineNumber ? (int)lineNumber : 0;
        var body = root.TryGetProperty("body", out var bodyValue) ? AnyValue(bodyValue) : null;
        // A custom level writes its own name as severityText and its base as severityNumber.
        var severityText = LogFile.Text(root, "severityText");
        var standard = severityText is not null && LogFile.Levels.ContainsKey(severityText);
        var level = standard ? LevelOf(severityText) : LevelOfSeverity(LogFile.Int(root, "severityNumber"));
        return new LogRecord(FromUnixNanos(time), level, category ?? string.Empty, body as string ?? string.Empty)
        {
            LevelName = standard ? null : severityText,
            EventId = new EventId(eventId, LogFile.Text(root, "eventName")),
            Template = template,
            Properties = attributes,
            Scopes = scopes ?? [],
            Exception = exceptionType is null ? null : FromWholeText(exceptionType, exceptionMessage ?? string.Empty, exceptionStack),
            ThreadId = thread,
            ProcessId = process,
            TraceId = LogFile.Text(root, "traceId"),
            SpanId = LogFile.Text(root, "spanId"),
            CallerFunction = function,
            CallerFilePath = filePath,
            CallerLine = line,
        };
    }

    private static KeyValuePair<string, object?> Attribute(JsonElement element) =>
        new(LogFile.Text(element, "key") ?? string.Empty, element.TryGetProperty("value", out var value) ? AnyValue(value) : null);

    /// <summary>An OTLP/JSON AnyValue as a .NET value: 64-bit integers are read from a string or a number.</summary>
    private static object? AnyValue(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "stringValue":
                    return value.GetString();
                case "boolValue":
                    return value.GetBoolean();
                case "intValue":
                    return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : value.GetInt64();
                case "doubleValue":
                    return value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();
                case "bytesValue":
                    return value.GetBytesFromBase64();
                case "arrayValue":
                    return value.TryGetProperty("values", out var items) ? items.EnumerateArray().Select(AnyValue).ToArray() : Array.Empty<object?>();
                case "kvlistValue":
                    return (value.TryGetProperty("values", out var pairs) ? pairs.EnumerateArray().Select(Attribute) : []).ToDictionary(StringComparer.Ordinal);
            }
        }

        return null;
    }

    private static DateTimeOffset FromUnixNanos(JsonElement element)
    {
        var nanos = element.ValueKind == JsonValueKind.String
            ? long.Parse(element.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture)
            : element.GetInt64();
        return DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
    }

    /// <summary>The MEL level of an OpenTelemetry SeverityNumber (1-4 TRACE ... 21-24 FATAL); None outside them.</summary>
    private static LogLevel LevelOfSeverity(int number) => number is >= 1 and <= 24 ? (LogLevel)((number - 1) / 4) : LogLevel.None;

    private static LogLevel LevelOf(string? text) =>
        text is not null && LogFile.Levels.TryGetValue(text, out var level) ? level : LogLevel.None;

    /// <summary>
    /// An exception whose type and message have fields of their own beside a text that carries the whole exception, as
    /// the <c>{exception}</c> token writes it (ECS's <c>error.stack_trace</c>, OpenTelemetry's <c>exception.stacktrace</c>):
    /// that text begins with the same <c>Type: message</c> line, which is not part of the stack; kept there, it would be
    /// written twice. A text that does not begin with it (another writer's) is read whole as the rest. The inner
    /// exceptions in it come back as exceptions (<see cref="ExceptionTextReader"/>).
    /// </summary>
    private static LoggedException FromWholeText(string type, string message, string? text)
    {
        var header = type + ": " + message;
        if (text is not null && text.StartsWith(header, StringComparison.Ordinal))
        {
            var rest = text.AsSpan(header.Length);
            if (rest.IsEmpty)
            {
                text = null;
            }
            else if (rest.StartsWith("\r\n", StringComparison.Ordinal) || rest[0] == '\n')
            {
                text = rest[(rest[0] == '\r' ? 2 : 1)..].ToString();
            }
        }

        return ExceptionTextReader.Read(type, message, text);
    }

    /// <summary>
    /// An exception from its .NET text (<c>Type: message</c>, then the rest), as CLEF carries it in <c>@x</c>, its inner
    /// exceptions included (<see cref="ExceptionTextReader"/>).
    /// </summary>
    private static LoggedException FromText(string text) => ExceptionTextReader.Read(text);
}
