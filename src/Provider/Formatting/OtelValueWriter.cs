using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes values as OTLP/JSON's <c>AnyValue</c>: <c>stringValue</c> (also a <c>decimal</c> and a <c>ulong</c> over int64,
/// as their exact text), <c>boolValue</c>, <c>intValue</c> (a 64-bit integer, so a decimal string), <c>doubleValue</c> (<c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c> as strings, as protobuf's JSON mapping writes them), <c>bytesValue</c> (base64), <c>arrayValue</c> and
/// <c>kvlistValue</c>; null is the empty value <c>{}</c>. The same limits as plain JSON: 8 levels, 1,000 items, a
/// collection read whole, a <c>ToString()</c> that throws written as its marker.
/// </summary>
internal static class OtelValueWriter
{
    /// <summary>Writes one <c>{"key": ..., "value": {...}}</c> element of an attribute list.</summary>
    public static void WriteAttribute(Utf8JsonWriter writer, string key, object? value, JsonObjectNames? names)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WritePropertyName("value");
        WriteValue(writer, value, 1, names ?? new JsonObjectNames());
        writer.WriteEndObject();
    }

    /// <summary>Writes one integer attribute, as <see cref="WriteAttribute(Utf8JsonWriter, string, object?, JsonObjectNames?)"/> writes a boxed one.</summary>
    // The record's thread, process, event id and line: without boxing them and making their text, on every record.
    public static void WriteAttribute(Utf8JsonWriter writer, string key, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WritePropertyName("value");
        writer.WriteStartObject();
        writer.WriteString("intValue"u8, digits[..written]);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth, JsonObjectNames names)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case null:
                break;
            case string text:
                writer.WriteString("stringValue", JsonValueWriter.Safe(text));
                break;
            case bool flag:
                writer.WriteBoolean("boolValue", flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteString("intValue", Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case ulong big when big <= long.MaxValue:
                writer.WriteString("intValue", big.ToString(CultureInfo.InvariantCulture));
                break;
            case ulong big:
                // Over int64's range: a doubleValue would round it (OTLP's consumers read doubleValue as an IEEE
                // double), so its exact text, as OpenTelemetry's own .NET SDK writes a ulong.
                writer.WriteString("stringValue", big.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                // AnyValue has no decimal, and a doubleValue rounds past 15-17 digits without a trace (and drops the
                // scale, 29.970): the exact invariant text instead, as OpenTelemetry's own .NET SDK writes a decimal,
                // so the same attribute from both providers has the same type and value (docs/json.md).
                writer.WriteString("stringValue", number.ToString(CultureInfo.InvariantCulture));
                break;
            case double real when double.IsFinite(real):
                writer.WriteNumber("doubleValue", real);
                break;
            case float real when float.IsFinite(real):
                // The float's own shortest text (0.1, not the 0.10000000149011612 of its widening to double).
                writer.WriteNumber("doubleValue", real);
                break;
            case double or float:
                // Protobuf's JSON mapping writes a non-finite double as the string "NaN", "Infinity" or "-Infinity",
                // and OTLP/JSON readers take it so: the value stays a double, not a string attribute.
                writer.WriteString("doubleValue", Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteBase64String("bytesValue", bytes);
                break;
            case DateTimeOffset time:
                writer.WriteString("stringValue", time);
                break;
            case DateTime time:
                writer.WriteString("stringValue", time);
                break;
            case Exception exception:
                writer.WriteString("stringValue", JsonValueWriter.Safe(ExceptionText.Plain(exception)));
                break;
            case IEnumerable collection when depth <= JsonValueWriter.MaxDepth:
                WriteCollection(writer, collection, depth, names);
                break;
            default:
                writer.WriteString("stringValue", JsonValueWriter.SafeToString(value));
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteCollection(Utf8JsonWriter writer, IEnumerable collection, int depth, JsonObjectNames names)
    {
        // Read whole before writing: a collection whose enumeration throws half way is a marker, never half a list.
        KeyValuePair<string, object?>[]? pairs;
        object?[]? items = null;
        try
        {
            pairs = CollectionValue.ReadPairs(collection, JsonValueWriter.MaxItems);
            if (pairs is null)
            {
                items = collection.Cast<object?>().Take(JsonValueWriter.MaxItems).ToArray();
            }
        }
#pragma warning disable CA1031 // A value is user code; one that cannot be read is a marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            writer.WriteString("stringValue", JsonValueWriter.Safe(SafeText.Failed(collection, ex)));
            return;
        }

        if (pairs is not null)
        {
            writer.WritePropertyName("kvlistValue");
            writer.WriteStartObject();
            writer.WriteStartArray("values");
            names.Begin();
            foreach (var (name, item) in pairs)
            {
                writer.WriteStartObject();
                writer.WriteString("key", names.Unique(JsonValueWriter.Safe(CollectionValue.KeyText(name))));
                writer.WritePropertyName("value");
                WriteValue(writer, item, depth + 1, names);
                writer.WriteEndObject();
            }

            names.End();
            writer.WriteEndArray();
            writer.WriteEndObject();
            return;
        }

        writer.WritePropertyName("arrayValue");
        writer.WriteStartObject();
        writer.WriteStartArray("values");
        foreach (var item in items!)
        {
            WriteValue(writer, item, depth + 1, names);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
