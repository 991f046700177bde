using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record as one JSON object on one line (Loguru's <c>serialize</c>), fields in the order of docs/json.md,
/// absent when empty: numbers as numbers, booleans as booleans, strings escaped, times in ISO 8601. Property values
/// are written safely: nested lists and dictionaries to a depth of 8, anything else by its <c>ToString()</c>, and a
/// <c>ToString()</c> that throws or text that is not valid UTF-16 never breaks the line.
/// </summary>
internal sealed class JsonRecordFormatter : IRecordFormatter
{
    private const int MaxDepth = 8;
    private const int MaxItems = 1000;

    private static readonly JsonWriterOptions Options = new()
    {
        // Non-ASCII text stays readable; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static JsonRecordFormatter Instance { get; } = new();

    public bool UsesScopes => true;

    public bool UsesProperties => true;

    public bool Colored => false;

    public void Render(LogRecord record, Utf8Buffer output)
    {
        // The object is built in a scratch buffer and copied only when complete, so a failure cannot leave half a
        // line in the sink.
        // The writer is taken from the thread while in use, so a value's ToString that logs gets its own.
        var scratch = ScratchBuffers.Rent();
        var writer = t_writer ?? new Utf8JsonWriter(scratch, Options);
        t_writer = null;
        try
        {
            writer.Reset(scratch);
            WriteRecord(writer, record);
            writer.Flush();
        }
#pragma warning disable CA1031 // A record that cannot be serialized is still written, as a minimal object saying why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            scratch.Clear();
            writer.Reset(scratch);
            writer.WriteStartObject();
            writer.WriteString("time", record.Timestamp);
            writer.WriteString("level", LevelStyles.Name(record.Level));
            writer.WriteString("category", Safe(record.Category));
            writer.WriteString("message", $"<LoguStyle could not serialize this record: {ex.GetType().Name}: {Safe(ex.Message)}>");
            writer.WriteEndObject();
            writer.Flush();
        }

        output.Write(scratch.WrittenSpan);
        output.Write("\n"u8);
        writer.Reset();
        t_writer = writer;
        ScratchBuffers.Return(scratch);
    }

    private static void WriteRecord(Utf8JsonWriter writer, LogRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("time", record.Timestamp);
        writer.WriteString("level", LevelStyles.Name(record.Level));
        writer.WriteString("category", Safe(record.Category));
        if (record.EventId.Id != 0)
        {
            writer.WriteNumber("eventId", record.EventId.Id);
        }

        if (!string.IsNullOrEmpty(record.EventId.Name))
        {
            writer.WriteString("eventName", Safe(record.EventId.Name));
        }

        writer.WriteString("message", Safe(record.Message));
        if (record.Template is { } template)
        {
            writer.WriteString("template", Safe(template));
        }

        if (record.Properties.Count > 0)
        {
            writer.WritePropertyName("props");
            writer.WriteStartObject();
            foreach (var (name, value) in record.Properties)
            {
                writer.WritePropertyName(Safe(name));
                WriteValue(writer, value, 1);
            }

            writer.WriteEndObject();
        }

        if (record.Scopes.Count > 0)
        {
            writer.WritePropertyName("scopes");
            writer.WriteStartArray();
            foreach (var scope in record.Scopes)
            {
                WriteScope(writer, scope);
            }

            writer.WriteEndArray();
        }

        if (record.Exception is { } exception)
        {
            writer.WritePropertyName("exception");
            WriteException(writer, exception, 1);
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

        writer.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter writer, object? scope)
    {
        switch (scope)
        {
            case null or string:
                WriteValue(writer, scope, 1);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                // A template scope ("Request {Id}") keeps its text as "scope" beside its values.
                writer.WriteStartObject();
                var text = SafeToString(scope);
                if (pairs is IReadOnlyList<KeyValuePair<string, object?>> list && list.Count > 0 && list[^1].Key == "{OriginalFormat}")
                {
                    writer.WriteString("scope", text);
                }

                foreach (var (name, value) in pairs)
                {
                    if (name != "{OriginalFormat}")
                    {
                        writer.WritePropertyName(Safe(name));
                        WriteValue(writer, value, 2);
                    }
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(SafeToString(scope));
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(Safe(text));
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong big:
                writer.WriteNumberValue(big);
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case double real when double.IsFinite(real):
                writer.WriteNumberValue(real);
                return;
            case float real when float.IsFinite(real):
                writer.WriteNumberValue(real);
                return;
            case DateTimeOffset time:
                writer.WriteStringValue(time);
                return;
            case DateTime time:
                writer.WriteStringValue(time);
                return;
            case Exception exception when depth <= MaxDepth:
                WriteException(writer, exception, depth);
                return;
        }

        if (depth <= MaxDepth && value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            writer.WriteStartObject();
            foreach (var (name, item) in pairs.Take(MaxItems))
            {
                writer.WritePropertyName(Safe(name));
                WriteValue(writer, item, depth + 1);
            }

            writer.WriteEndObject();
            return;
        }

        if (depth <= MaxDepth && value is IDictionary dictionary)
        {
            writer.WriteStartObject();
            var count = 0;
            foreach (DictionaryEntry entry in dictionary)
            {
                if (++count > MaxItems)
                {
                    break;
                }

                writer.WritePropertyName(SafeToString(entry.Key));
                WriteValue(writer, entry.Value, depth + 1);
            }

            writer.WriteEndObject();
            return;
        }

        if (depth <= MaxDepth && value is IEnumerable items and not string)
        {
            writer.WriteStartArray();
            var count = 0;
            foreach (var item in items)
            {
                if (++count > MaxItems)
                {
                    break;
                }

                WriteValue(writer, item, depth + 1);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStringValue(SafeToString(value));
    }

    private static void WriteException(Utf8JsonWriter writer, Exception exception, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("type", exception.GetType().FullName);
        writer.WriteString("message", Safe(SafeText.Read(() => exception.Message) ?? string.Empty));
        if (SafeText.Read(() => exception.StackTrace) is { Length: > 0 } stack)
        {
            writer.WriteString("stack", Safe(stack));
        }

        if (SafeText.Read(() => exception.Data) is { Count: > 0 } data)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, data, depth + 1);
        }

        if (depth < MaxDepth)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                writer.WritePropertyName("inner");
                writer.WriteStartArray();
                foreach (var inner in aggregate.InnerExceptions.Take(MaxItems))
                {
                    WriteException(writer, inner, depth + 1);
                }

                writer.WriteEndArray();
            }
            else if (exception.InnerException is { } inner)
            {
                writer.WritePropertyName("inner");
                WriteException(writer, inner, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    private static string SafeToString(object? value) => Safe(SafeText.Of(value));

    /// <summary>Replaces lone surrogates (text that is not valid UTF-16) with U+FFFD, so the JSON stays valid.</summary>
    private static string Safe(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
