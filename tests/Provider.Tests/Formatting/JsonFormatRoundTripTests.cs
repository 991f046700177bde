using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;
using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// Generated records logged through real file sinks of all four <see cref="JsonFormat"/>s at once (direct or enqueued):
/// each file is JSON lines, one record a line, and each line's message and properties, read by a JSON parser under the
/// format's own rules, are what was logged, or its transformation in docs/json.md (lone surrogates as U+FFFD, CLEF's
/// <c>@</c> escape and nested <c>$type_2</c>, OTLP's typed values with a decimal as its exact text, non-finite numbers
/// as text). <see cref="LogFile.Read(string)"/> reads each file back to the same messages and property names.
/// </summary>
public class JsonFormatRoundTripTests
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static readonly JsonFormat[] Formats = EveryJsonFormat.Formats;

    // Names no format takes for a field of its own (their suffixes are JsonFormatTests'), with CLEF's '@' and '$type'.
    private static readonly string[] Names = ["A", "Amount", "@x", "@@y", "$type", "odd \"name\"\n", "ünï 😀", "x.y", "tab\tname"];

    private static readonly string ControlCharacters = string.Concat(Enumerable.Range(0, 32).Select(c => (char)c)) + "\u007f\u0085\u2028\u2029\ufeff";

    [Property(MaxTest = 40)]
    public Property EveryFormat_GeneratedRecordsInARealFile_OneLineEach_MessageAndPropertiesReadBackAsLogged() =>
        Prop.ForAll(Arb.From(Batches()), batch =>
        {
            var (records, enqueued) = batch;
            using var folder = new TempFolder();
            EveryJsonFormat.Log(folder, enqueued, "Round.Trip", logger =>
            {
                foreach (var (message, properties) in records)
                {
                    logger.Log(LogLevel.Information, default, new State(properties), null, (_, _) => message);
                }
            });

            foreach (var format in Formats)
            {
                var path = folder.File($"{format}.json");
                var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
                Assert.EndsWith("\n", text, StringComparison.Ordinal);
                var lines = text[..^1].Split('\n');
                Assert.Equal(records.Length, lines.Length);
                for (var i = 0; i < lines.Length; i++)
                {
                    using var document = JsonDocument.Parse(lines[i], Strict);
                    CheckLine(format, document.RootElement, records[i].Message, records[i].Properties);
                }

                var read = LogFile.Read(path, (_, error) => Assert.Fail(error.ToString())).ToList();
                Assert.Equal(records.Select(r => Sanitized(r.Message)), read.Select(r => r.Message));
                Assert.Equal(records.Select(r => string.Join("|", r.Properties.Select(p => p.Key))), read.Select(r => string.Join("|", r.Properties.Select(p => p.Key))));
                foreach (var (record, back) in records.Zip(read))
                {
                    foreach (var ((_, logged), (_, value)) in record.Properties.Zip(back.Properties))
                    {
                        CheckRead(format, logged, value);
                    }
                }
            }
        });

    /// <summary>
    /// A value as <see cref="LogFile.Read(string)"/> gives it back: numbers as <c>long</c>, <c>decimal</c> or <c>double</c>
    /// of the same value (a decimal exact, with its scale), non-finite numbers as their text (as a double from OTLP),
    /// bytes as base64 text (as bytes from OTLP), a decimal and a ulong over int64 from OTLP as their text.
    /// </summary>
    private static void CheckRead(JsonFormat format, object? logged, object? read)
    {
        var otel = format == JsonFormat.Otel;
        switch (logged)
        {
            case null:
                Assert.Null(read);
                break;
            case string text:
                Assert.Equal(Sanitized(text), read);
                break;
            case bool flag:
                Assert.Equal(flag, read);
                break;
            case ulong big when otel && big > long.MaxValue:
                Assert.Equal(big.ToString(CultureInfo.InvariantCulture), read);
                break;
            case decimal number when otel:
                Assert.Equal(number.ToString(CultureInfo.InvariantCulture), read);
                break;
            case decimal number:
                Assert.Equal(number, Assert.IsType<decimal>(read));
                Assert.Equal(number.Scale, ((decimal)read).Scale);
                break;
            case int or long or short or sbyte or byte or ulong:
                Assert.Equal(Convert.ToDecimal(logged, CultureInfo.InvariantCulture), Convert.ToDecimal(read, CultureInfo.InvariantCulture));
                break;
            case double real when double.IsFinite(real):
                Assert.Equal(real, Convert.ToDouble(read, CultureInfo.InvariantCulture));
                break;
            case float real when float.IsFinite(real):
                Assert.Equal(real, (float)Convert.ToDouble(read, CultureInfo.InvariantCulture));
                break;
            case double or float when otel:
                Assert.Equal(Convert.ToDouble(logged, CultureInfo.InvariantCulture), Assert.IsType<double>(read));
                break;
            case double or float:
                Assert.Equal(Convert.ToDouble(logged, CultureInfo.InvariantCulture), double.Parse(Assert.IsType<string>(read), CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                Assert.Equal(bytes, otel ? Assert.IsType<byte[]>(read) : Convert.FromBase64String(Assert.IsType<string>(read)));
                break;
            case IDictionary<string, object?> map:
                var pairs = Assert.IsType<Dictionary<string, object?>>(read);
                Assert.Equal(map.Keys.Select(key => format == JsonFormat.Clef && key == "$type" ? "$type_2" : Sanitized(key)), pairs.Keys);
                foreach (var ((_, value), (_, back)) in map.Zip(pairs))
                {
                    CheckRead(format, value, back);
                }

                break;
            case IEnumerable items:
                CheckEach(items, Assert.IsType<object?[]>(read), (item, back) => CheckRead(format, item, back));
                break;
            default:
                Assert.Fail($"no expectation for {logged.GetType()}");
                break;
        }
    }

    private static void CheckLine(JsonFormat format, JsonElement root, string message, KeyValuePair<string, object?>[] properties)
    {
        switch (format)
        {
            case JsonFormat.LoguStyle:
                Assert.Equal(Sanitized(message), root.GetProperty("message").GetString());
                CheckProperties(format, () => root.GetProperty("props"), properties, name => name);
                break;
            case JsonFormat.Clef:
                Assert.Equal(Sanitized(message), root.GetProperty("@m").GetString());
                CheckProperties(format, () => root, properties, ClefRecordFormatter.Escape);
                break;
            case JsonFormat.Ecs:
                Assert.Equal(Sanitized(message), root.GetProperty("message").GetString());
                CheckProperties(format, () => root.GetProperty("logustyle").GetProperty("props"), properties, name => name);
                break;
            default:
                Assert.Equal(Sanitized(message), root.GetProperty("body").GetProperty("stringValue").GetString());
                var attributes = root.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
                foreach (var (name, value) in properties)
                {
                    CheckAnyValue(value, attributes[name]);
                }

                break;
        }
    }

    /// <summary>Each property in the object that holds them (absent when there are none), under its written name.</summary>
    private static void CheckProperties(JsonFormat format, Func<JsonElement> holder, KeyValuePair<string, object?>[] properties, Func<string, string> written)
    {
        foreach (var (name, value) in properties)
        {
            CheckJson(format, value, holder().GetProperty(written(name)));
        }
    }

    /// <summary>A value in the plain-JSON formats: numbers exact, non-finite ones and bytes as text, collections whole.</summary>
    private static void CheckJson(JsonFormat format, object? logged, JsonElement element)
    {
        switch (logged)
        {
            case null:
                Assert.Equal(JsonValueKind.Null, element.ValueKind);
                break;
            case string text:
                Assert.Equal(Sanitized(text), element.GetString());
                break;
            case bool flag:
                Assert.Equal(flag, element.GetBoolean());
                break;
            case ulong big:
                Assert.Equal(big, element.GetUInt64());
                break;
            case int or long or short or sbyte or byte:
                Assert.Equal(Convert.ToInt64(logged, CultureInfo.InvariantCulture), element.GetInt64());
                break;
            case decimal number:
                Assert.Equal(number, element.GetDecimal());
                Assert.Equal(number.Scale, element.GetDecimal().Scale);
                break;
            case double real when double.IsFinite(real):
                Assert.Equal(real, element.GetDouble());
                break;
            case float real when float.IsFinite(real):
                Assert.Equal(real, float.Parse(element.GetRawText(), CultureInfo.InvariantCulture));
                break;
            case double or float:
                Assert.Equal(Convert.ToDouble(logged, CultureInfo.InvariantCulture), double.Parse(element.GetString()!, CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                Assert.Equal(bytes, element.GetBytesFromBase64());
                break;
            case IDictionary<string, object?> map:
                // CLEF: a nested "$type" is Serilog's type tag, so a key of that name gets the suffix.
                Assert.Equal(
                    map.Keys.Select(key => format == JsonFormat.Clef && key == "$type" ? "$type_2" : Sanitized(key)),
                    element.EnumerateObject().Select(p => p.Name));
                foreach (var ((_, value), member) in map.Zip(element.EnumerateObject()))
                {
                    CheckJson(format, value, member.Value);
                }

                break;
            case IEnumerable items:
                CheckEach(items, element.EnumerateArray().ToList(), (item, written) => CheckJson(format, item, written));
                break;
            default:
                Assert.Fail($"no expectation for {logged.GetType()}");
                break;
        }
    }

    /// <summary>A value as OTLP/JSON's AnyValue: the member of its type, 64-bit integers as decimal strings.</summary>
    private static void CheckAnyValue(object? logged, JsonElement value)
    {
        var members = value.EnumerateObject().ToList();
        if (logged is null)
        {
            Assert.Empty(members);
            return;
        }

        var (kind, member) = (Assert.Single(members).Name, members[0].Value);
        switch (logged)
        {
            case string text:
                Assert.Equal(("stringValue", Sanitized(text)), (kind, member.GetString()!));
                break;
            case bool flag:
                Assert.Equal(("boolValue", flag), (kind, member.GetBoolean()));
                break;
            case ulong big when big > long.MaxValue:
                Assert.Equal(("stringValue", big.ToString(CultureInfo.InvariantCulture)), (kind, member.GetString()!));
                break;
            case int or long or short or sbyte or byte or ulong:
                Assert.Equal(("intValue", Convert.ToString(logged, CultureInfo.InvariantCulture)!), (kind, member.GetString()!));
                break;
            case decimal number:
                Assert.Equal(("stringValue", number.ToString(CultureInfo.InvariantCulture)), (kind, member.GetString()!));
                break;
            case double real when double.IsFinite(real):
                Assert.Equal(("doubleValue", real), (kind, member.GetDouble()));
                break;
            case float real when float.IsFinite(real):
                Assert.Equal(("doubleValue", real), (kind, float.Parse(member.GetRawText(), CultureInfo.InvariantCulture)));
                break;
            case double or float:
                Assert.Equal(("doubleValue", Convert.ToDouble(logged, CultureInfo.InvariantCulture)), (kind, double.Parse(member.GetString()!, CultureInfo.InvariantCulture)));
                break;
            case byte[] bytes:
                Assert.Equal("bytesValue", kind);
                Assert.Equal(bytes, member.GetBytesFromBase64());
                break;
            case IDictionary<string, object?> map:
                Assert.Equal("kvlistValue", kind);
                var pairs = member.GetProperty("values").EnumerateArray().ToList();
                Assert.Equal(map.Keys.Select(Sanitized), pairs.Select(p => p.GetProperty("key").GetString()));
                foreach (var ((_, item), pair) in map.Zip(pairs))
                {
                    CheckAnyValue(item, pair.GetProperty("value"));
                }

                break;
            case IEnumerable items:
                Assert.Equal("arrayValue", kind);
                CheckEach(items, member.GetProperty("values").EnumerateArray().ToList(), CheckAnyValue);
                break;
            default:
                Assert.Fail($"no expectation for {logged.GetType()}");
                break;
        }
    }

    /// <summary>A logged list against what was written or read of it: as many items, each checked.</summary>
    private static void CheckEach<T>(IEnumerable logged, IReadOnlyList<T> written, Action<object?, T> check)
    {
        var expected = logged.Cast<object?>().ToList();
        Assert.Equal(expected.Count, written.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            check(expected[i], written[i]);
        }
    }

    private static string Sanitized(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static Gen<string> Texts() =>
        Gen.Elements("", "plain", "quote \" back \\ slash", "line\nbreak\r\n", "ünïcødé ✓ 😀", "lone \uD800 surrogate", "low \uDC00 first", "{braces} {{x}}", "@at", "</script>", ControlCharacters);

    /// <summary>Texts, and now and then a huge one (up to 150,000 characters, ending in half a surrogate pair).</summary>
    private static Gen<string> Messages() =>
        Gen.Frequency(
            (6, Texts()),
            (1, Gen.Choose(1, 3).Select(n => new string('x', n * 50_000) + "😀\uD83D")));

    private static Gen<object?> Leaves() =>
        Gen.OneOf(
            Gen.Constant<object?>(null),
            Texts().Select(s => (object?)s),
            Gen.Elements<object?>(true, false, 0, -1, int.MinValue, int.MaxValue, long.MinValue, long.MaxValue, (short)-5, (byte)255, (sbyte)-128),
            Gen.Elements<object?>(0UL, (ulong)long.MaxValue, (ulong)long.MaxValue + 1, ulong.MaxValue),
            Gen.Elements<object?>(0.1, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 123456.789, double.NaN, double.PositiveInfinity, double.NegativeInfinity),
            Gen.Elements<object?>(0.1f, float.Epsilon, float.MaxValue, float.NaN),
            Gen.Elements<object?>(decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 29.970m, 0.00m, 1234567890.123456789012345678m),
            Gen.Choose(0, 40).Select(n => (object?)Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray()));

    private static Gen<object?> Values(int depth) =>
        depth == 0
            ? Leaves()
            : Gen.Frequency(
                (3, Leaves()),
                (1, Gen.Choose(0, 6).SelectMany(n => Values(depth - 1).ListOf(n)).Select(items => (object?)items.ToList())),
                (1, Gen.Choose(0, 6).SelectMany(n => Gen.Elements(Names).ListOf(n)).SelectMany(names => Values(depth - 1).ArrayOf(names.Distinct().Count()).Select(values => (object?)names
                    .Distinct()
                    .Zip(values)
                    .ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)))));

    private static Gen<(string Message, KeyValuePair<string, object?>[] Properties)> Records() =>
        from message in Messages()
        from count in Gen.Choose(0, 8)
        from names in Gen.Elements(Names).ListOf(count).Select(n => n.Distinct().ToArray())
        from values in Values(2).ArrayOf(names.Length)
        select (message, names.Zip(values, (name, value) => new KeyValuePair<string, object?>(name, value)).ToArray());

    private static Gen<((string Message, KeyValuePair<string, object?>[] Properties)[] Records, bool Enqueued)> Batches() =>
        from count in Gen.Choose(1, 8)
        from records in Records().ArrayOf(count)
        from enqueued in Gen.Elements(true, false)
        select (records, enqueued);

    /// <summary>A logging call's state that is only its properties (no template): what a structured call without a template gives.</summary>
    private sealed class State(KeyValuePair<string, object?>[] pairs) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => pairs.Length;

        public KeyValuePair<string, object?> this[int index] => pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)pairs).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => pairs.GetEnumerator();
    }
}
