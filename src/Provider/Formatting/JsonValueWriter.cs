using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes property values, scopes and exceptions as plain JSON, safely: nested lists and dictionaries to a depth of 8,
/// anything else by its <c>ToString()</c>, and a <c>ToString()</c> that throws or text that is not valid UTF-16 never
/// breaks the line. Shared by the schemas that carry plain JSON values (all but OTLP's typed values).
/// </summary>
internal static class JsonValueWriter
{
    public const int MaxDepth = 8;
    public const int MaxItems = 1000;

    // Searched with SearchValues, not IndexOfAnyInRange: the generic range search boxes its two bounds on every call
    // (a JSON line makes several) until the JIT's last tier compiles the caller, which for a path that runs rarely (a
    // logging thread formatting ahead of a queue's writer) takes seconds of logging.
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(
        string.Create(0xE000 - 0xD800, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(0xD800 + i);
            }
        }));

    /// <summary>Writes a scope: a list of pairs as an object (a template scope's text as <c>scope</c>), anything else as text.</summary>
    public static void WriteScope(Utf8JsonWriter writer, object? scope, LogRecord record, JsonObjectNames names)
    {
        if (scope is null)
        {
            writer.WriteNullValue();
            return;
        }

        var (text, pairs) = ReadScope(scope, record);
        if (pairs is null)
        {
            writer.WriteStringValue(text);
            return;
        }

        WriteObject(writer, pairs, 2, names, text);
    }

    /// <summary>
    /// Writes pairs as one object (properties, a scope, a dictionary), each name made unique within it (docs/json.md),
    /// values at <paramref name="depth"/>; a scope's <paramref name="scopeText"/> comes first, as <c>scope</c>.
    /// </summary>
    public static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> pairs, int depth, JsonObjectNames names, string? scopeText = null)
    {
        writer.WriteStartObject();
        names.Begin();
        if (scopeText is not null)
        {
            writer.WriteString(names.Unique("scope"), scopeText);
        }

        // A record's properties are a list: walked by its struct enumerator, as foreach over the interface boxes one.
        if (pairs is List<KeyValuePair<string, object?>> list)
        {
            foreach (var (name, value) in list)
            {
                WritePair(writer, name, value, depth, names);
            }
        }
        else
        {
            foreach (var (name, value) in pairs)
            {
                WritePair(writer, name, value, depth, names);
            }
        }

        names.End();
        writer.WriteEndObject();
    }

    private static void WritePair(Utf8JsonWriter writer, string name, object? value, int depth, JsonObjectNames names)
    {
        writer.WritePropertyName(names.Unique(Safe(CollectionValue.KeyText(name))));
        WriteValue(writer, value, depth, names);
    }

    /// <summary>
    /// A scope read whole: its pairs (without <c>{OriginalFormat}</c>) when it is a list of pairs, else null; and its
    /// text (a template scope's text, or the text of any other scope). A scope whose reading throws is its marker
    /// text, counted on the record, never half a scope.
    /// </summary>
    public static (string? Text, KeyValuePair<string, object?>[]? Pairs) ReadScope(object scope, LogRecord record)
    {
        if (scope is not string && scope is IEnumerable pairs && CollectionValue.IsPairs(pairs))
        {
            try
            {
                string? text = null;
                var items = pairs is IEnumerable<KeyValuePair<string, object?>> named ? ScopeText.Pairs(named, MaxItems) : CollectionValue.ReadPairs(pairs, MaxItems)!;
                if (pairs is IReadOnlyList<KeyValuePair<string, object?>> list && list.Count > 0 && list[^1].Key == "{OriginalFormat}")
                {
                    // A template scope ("Request {Id}") keeps its text beside its values.
                    text = ScopeText.TemplateText(list, out var error);
                    if (error is not null)
                    {
                        record.ScopeFailed(error);
                    }
                }

                return (text is null ? null : Safe(text), [.. items.Where(p => p.Key != "{OriginalFormat}")]);
            }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read is a marker, not a lost record.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                record.ScopeFailed(ex);
                return (Safe(SafeText.Failed(scope, ex)), null);
            }
        }

        try
        {
            return (Safe(SafeText.OfOrThrow(scope)), null);
        }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read is a marker, not a lost record.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            record.ScopeFailed(ex);
            return (Safe(SafeText.Failed(scope, ex)), null);
        }
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value, int depth, JsonObjectNames names)
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
            case byte[] bytes:
                // Bytes as base64 text, as System.Text.Json, ECS's binary type and OTLP's bytesValue write them, not
                // an array of numbers cut at the collection limit.
                writer.WriteBase64StringValue(bytes);
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
                WriteObject(writer, pairs, depth + 1, names);
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

    /// <summary>An exception as LoguStyle JSON writes it; <paramref name="stack"/> is the stack of this one when it is not its <c>StackTrace</c> now.</summary>
    public static void WriteException(Utf8JsonWriter writer, Exception exception, int depth, JsonObjectNames names, string? stack = null) =>
        WriteException(writer, exception, depth, names, ExceptionTree.ForLoguStyleJson(), 0, stack);

    // The chain nested as "inner", as far as LoguStyle JSON's bound lets it (the {exception} token's, but within 64
    // levels of JSON, so default readers parse the line); a cut is the marker in "more".
    private static void WriteException(Utf8JsonWriter writer, Exception exception, int depth, JsonObjectNames names, ExceptionTree tree, int level, string? stack = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", ExceptionText.TypeName(exception));
        writer.WriteString("message", Safe(SafeText.Read(() => exception.Message) ?? string.Empty));
        // The frames the {exception} token shows: a Native AOT stack loses its native offsets and state-machine names.
        if (ExceptionText.Stack(exception, stack) is { } frames)
        {
            writer.WriteString("stack", Safe(frames));
        }

        if (SafeText.Read(() => exception.Data) is { Count: > 0 } data)
        {
            writer.WritePropertyName("data");
            WriteData(writer, NestedObject.OfData(data), depth + 1, names);
        }

        tree.Enter(exception);
        var inner = ExceptionTree.InnerOf(exception);
        var aggregate = ExceptionText.Children(exception) is not null;
        string? more = null;
        if (aggregate || inner.Count > 0)
        {
            var open = false;
            for (var i = 0; i < inner.Count && !tree.Stopped; i++)
            {
                more = tree.Cut(inner, i, tree.Below(level, aggregate));
                if (more is not null)
                {
                    break;
                }

                if (!open)
                {
                    writer.WritePropertyName("inner");
                    if (aggregate)
                    {
                        writer.WriteStartArray();
                    }

                    open = true;
                }

                WriteException(writer, inner[i], depth, names, tree, tree.Below(level, aggregate));
            }

            if (open && aggregate)
            {
                writer.WriteEndArray();
            }
        }

        tree.Leave();
        more ??= exception is LoggedException { More: { } logged } && !tree.Stopped ? logged : null;
        if (more is not null)
        {
            writer.WriteString("more", Safe(more));
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// An exception's <c>Data</c> as the walk read it (<see cref="NestedObject.OfData"/>), each data object, tuple and
    /// KeyValuePair with its type name first as <c>$type</c> (Serilog's name for it), so <c>LogFile.Read</c> gives it
    /// back as the text sink wrote it (<c>Person { Id = 7 }</c>, not <c>{ Id = 7 }</c>); values and depth as
    /// <see cref="WriteValue"/> writes them.
    /// </summary>
    private static void WriteData(Utf8JsonWriter writer, object? value, int depth, JsonObjectNames names)
    {
        switch (value)
        {
            case NestedObject walked when depth <= MaxDepth:
                writer.WriteStartObject();
                names.Begin();
                if (walked.TypeName is { } type)
                {
                    writer.WriteString(names.Unique(NestedObject.TypeKey), Safe(type));
                }

                foreach (var (name, item) in walked)
                {
                    writer.WritePropertyName(names.Unique(Safe(CollectionValue.KeyText(name))));
                    WriteData(writer, item, depth + 1, names);
                }

                names.End();
                writer.WriteEndObject();
                return;
            case NestedList items when depth <= MaxDepth:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteData(writer, item, depth + 1, names);
                }

                writer.WriteEndArray();
                return;
            default:
                WriteValue(writer, value, depth, names);
                return;
        }
    }

    public static string SafeToString(object? value) => Safe(SafeText.Of(value));

    /// <summary>Replaces lone surrogates (text that is not valid UTF-16) with U+FFFD, so the JSON stays valid.</summary>
    public static string Safe(string text)
    {
        if (!text.AsSpan().ContainsAny(Surrogates))
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
