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

    [ThreadStatic]
    private static JsonObjectNames? t_names;

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
        var names = t_names ?? new JsonObjectNames();
        t_writer = null;
        t_names = null;
        try
        {
            writer.Reset(scratch);
            WriteRecord(writer, record, names);
            writer.Flush();
        }
#pragma warning disable CA1031 // A record that cannot be serialized is still written, as a minimal object saying why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            scratch.Clear();
            names.Reset();
            writer.Reset(scratch);
            writer.WriteStartObject();
            writer.WriteString("time", record.Timestamp);
            writer.WriteString("level", LevelStyles.Name(record.Level));
            writer.WriteString("category", Safe(record.Category));
            writer.WriteString("message", $"{Safe(SafeText.Read(() => record.Message) ?? string.Empty)} <LoguStyle could not serialize this record: {ex.GetType().Name}: {Safe(SafeText.Read(() => ex.Message) ?? string.Empty)}>");
            writer.WriteEndObject();
            writer.Flush();
        }

        output.Write(scratch.WrittenSpan);
        output.Write("\n"u8);
        writer.Reset();
        t_writer = writer;
        t_names = names;
        ScratchBuffers.Return(scratch);
    }

    private static void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
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
            names.Begin();
            foreach (var (name, value) in record.Properties)
            {
                writer.WritePropertyName(names.Unique(Safe(CollectionValue.KeyText(name))));
                WriteValue(writer, value, 1, names);
            }

            names.End();
            writer.WriteEndObject();
        }

        if (record.Scopes.Count > 0)
        {
            writer.WritePropertyName("scopes");
            writer.WriteStartArray();
            foreach (var scope in record.Scopes)
            {
                WriteScope(writer, scope, record, names);
            }

            writer.WriteEndArray();
        }

        if (record.Exception is { } exception)
        {
            writer.WritePropertyName("exception");
            WriteException(writer, exception, 1, names);
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

    private static void WriteScope(Utf8JsonWriter writer, object? scope, LogRecord record, JsonObjectNames names)
    {
        switch (scope)
        {
            case null or string:
                WriteValue(writer, scope, 1, names);
                return;
            case IEnumerable pairs when CollectionValue.IsPairs(pairs):
                // Read whole before writing: a scope that throws half way is a marker, never half an object.
                string? text = null;
                KeyValuePair<string, object?>[] items;
                try
                {
                    items = pairs is IEnumerable<KeyValuePair<string, object?>> named ? ScopeText.Pairs(named, MaxItems) : CollectionValue.ReadPairs(pairs, MaxItems)!;
                    if (pairs is IReadOnlyList<KeyValuePair<string, object?>> list && list.Count > 0 && list[^1].Key == "{OriginalFormat}")
                    {
                        // A template scope ("Request {Id}") keeps its text as "scope" beside its values.
                        text = ScopeText.TemplateText(list, out var error);
                        if (error is not null)
                        {
                            record.ScopeFailed(error);
                        }
                    }
                }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read is a marker, not a lost record.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    record.ScopeFailed(ex);
                    writer.WriteStringValue(Safe(SafeText.Failed(scope, ex)));
                    return;
                }

                writer.WriteStartObject();
                names.Begin();
                if (text is not null)
                {
                    writer.WriteString(names.Unique("scope"), Safe(text));
                }

                foreach (var (name, value) in items)
                {
                    if (name != "{OriginalFormat}")
                    {
                        writer.WritePropertyName(names.Unique(Safe(CollectionValue.KeyText(name))));
                        WriteValue(writer, value, 2, names);
                    }
                }

                names.End();
                writer.WriteEndObject();
                return;
            default:
                string scopeText;
                try
                {
                    scopeText = SafeText.OfOrThrow(scope);
                }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read is a marker, not a lost record.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    record.ScopeFailed(ex);
                    scopeText = SafeText.Failed(scope, ex);
                }

                writer.WriteStringValue(Safe(scopeText));
                return;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth, JsonObjectNames names)
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
                WriteException(writer, exception, depth, names);
                return;
        }

        if (depth <= MaxDepth && value is IEnumerable collection)
        {
            // Read whole before writing: a collection whose enumeration throws half way is a marker, never half an
            // array. Dictionaries and lists of pairs are objects; other collections arrays.
            KeyValuePair<string, object?>[]? pairs = null;
            object?[]? items = null;
            try
            {
                pairs = CollectionValue.ReadPairs(collection, MaxItems);
                if (pairs is null)
                {
                    items = collection.Cast<object?>().Take(MaxItems).ToArray();
                }
            }
#pragma warning disable CA1031 // A value is user code; one that cannot be read is a marker, not a lost record.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                writer.WriteStringValue(Safe(SafeText.Failed(value, ex)));
                return;
            }

            if (pairs is not null)
            {
                writer.WriteStartObject();
                names.Begin();
                foreach (var (name, item) in pairs)
                {
                    writer.WritePropertyName(names.Unique(Safe(CollectionValue.KeyText(name))));
                    WriteValue(writer, item, depth + 1, names);
                }

                names.End();
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartArray();
                foreach (var item in items!)
                {
                    WriteValue(writer, item, depth + 1, names);
                }

                writer.WriteEndArray();
            }

            return;
        }

        writer.WriteStringValue(SafeToString(value));
    }

    private static void WriteException(Utf8JsonWriter writer, Exception exception, int depth, JsonObjectNames names)
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
            WriteValue(writer, data, depth + 1, names);
        }

        if (depth < MaxDepth)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                writer.WritePropertyName("inner");
                writer.WriteStartArray();
                foreach (var inner in aggregate.InnerExceptions.Take(MaxItems))
                {
                    WriteException(writer, inner, depth + 1, names);
                }

                writer.WriteEndArray();
            }
            else if (exception.InnerException is { } inner)
            {
                writer.WritePropertyName("inner");
                WriteException(writer, inner, depth + 1, names);
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
