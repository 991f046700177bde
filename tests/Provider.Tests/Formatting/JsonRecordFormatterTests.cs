using System.Collections;
using System.Text;
using System.Text.Json;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

public class JsonRecordFormatterTests
{
    [Fact]
    public void Render_RepeatedNames_AreWrittenOnceEach_WithTheFirstFreeSuffix()
    {
        var record = Render.Record(
            properties: [new("A", 1), new("A", 2), new("A_2", 3), new("Keys", new System.Collections.Specialized.ListDictionary { [1] = "int", ["1"] = "text" })],
            scopes: [new KeyValuePair<string, object?>[] { new("B", 1), new("B", 2) }]);
        record.SetProperty("A", 4);

        var json = Json(record);

        // System.Text.Json refuses a line with a name twice in one object.
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        var props = document.RootElement.GetProperty("props");
        Assert.Equal(["A=1", "A_2=2", "A_2_2=3", "Keys={\"1\":\"int\",\"1_2\":\"text\"}", "A_3=4"], props.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}"));
        Assert.Equal(["B", "B_2"], document.RootElement.GetProperty("scopes")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Render_Record_WritesEveryFieldInOrder()
    {
        var record = Render.Record(
            message: "User 42 bought 3 items",
            properties: [new("UserId", 42), new("Count", 3), new("Price", 29.97m), new("Vip", true), new("Note", null)],
            scopes: ["Request 7", new Dictionary<string, object?> { ["OrderId"] = 9 }]);

        var json = Json(record);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Equal(
            ["time", "level", "category", "eventId", "eventName", "message", "props", "scopes", "thread", "process", "traceId", "spanId"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T09:10:00.123+01:00", root.GetProperty("time").GetString());
        Assert.Equal("INFO", root.GetProperty("level").GetString());
        Assert.Equal(1001, root.GetProperty("eventId").GetInt32());
        Assert.Equal("OrderPlaced", root.GetProperty("eventName").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("props").GetProperty("UserId").ValueKind);
        Assert.Equal(29.97m, root.GetProperty("props").GetProperty("Price").GetDecimal());
        Assert.True(root.GetProperty("props").GetProperty("Vip").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("props").GetProperty("Note").ValueKind);
        Assert.Equal("Request 7", root.GetProperty("scopes")[0].GetString());
        Assert.Equal(9, root.GetProperty("scopes")[1].GetProperty("OrderId").GetInt32());
        Assert.Equal(7, root.GetProperty("thread").GetInt32());
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Render_EmptyFields_AreAbsent()
    {
        var record = new LogRecord(Render.Time, LogLevel.Warning, "c", "m");

        using var document = JsonDocument.Parse(Json(record));

        Assert.Equal(["time", "level", "category", "message", "thread", "process"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("line1\nline2\r\n\ttab")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("nul \0 esc \u001b[31m bell \u0007")]
    [InlineData("lone \ud800 high and \udc00 low")]
    [InlineData("pair 🐞 ünïcode ✓")]
    [InlineData("<script>alert('x')</script> &amp;")]
    public void Render_AwkwardText_StaysOneValidLine(string text)
    {
        var record = Render.Record(message: text, properties: [new("Text", text)], category: text);

        var json = Json(record);

        Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(json);
        var expected = text.Replace('\ud800', '\uFFFD').Replace('\udc00', '\uFFFD');
        Assert.Equal(expected, document.RootElement.GetProperty("message").GetString());
        Assert.Equal(expected, document.RootElement.GetProperty("props").GetProperty("Text").GetString());
    }

    [Fact]
    public void Render_HugeMessage_IsWholeAndValid()
    {
        var huge = new string('x', 10 * 1024 * 1024);

        using var document = JsonDocument.Parse(Json(Render.Record(message: huge)));

        Assert.Equal(huge.Length, document.RootElement.GetProperty("message").GetString()!.Length);
    }

    [Fact]
    public void Render_NestedCyclicAndThrowingValues_NeverBreakTheLine()
    {
        var cyclic = new List<object?>();
        cyclic.Add(cyclic);
        var record = Render.Record(properties:
        [
            new("Nested", new Dictionary<string, object?> { ["a"] = new[] { 1, 2 }, ["b"] = new Dictionary<string, object?> { ["c"] = "d" } }),
            new("Cyclic", cyclic),
            new("Throws", new ThrowingToString()),
            new("Hashtable", new Hashtable { ["k"] = 1 }),
            new("NaN", double.NaN),
            new("Guid", Guid.Empty),
            new("When", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            new("Level", LogLevel.Error),
        ]);

        using var document = JsonDocument.Parse(Json(record));
        var props = document.RootElement.GetProperty("props");

        Assert.Equal(2, props.GetProperty("Nested").GetProperty("a")[1].GetInt32());
        Assert.Equal("d", props.GetProperty("Nested").GetProperty("b").GetProperty("c").GetString());
        Assert.Equal(JsonValueKind.Array, props.GetProperty("Cyclic").ValueKind);
        Assert.Equal("<ThrowingToString.ToString() threw InvalidOperationException>", props.GetProperty("Throws").GetString());
        Assert.Equal(1, props.GetProperty("Hashtable").GetProperty("k").GetInt32());
        Assert.Equal("NaN", props.GetProperty("NaN").GetString());
        Assert.Equal(Guid.Empty.ToString(), props.GetProperty("Guid").GetString());
        Assert.Equal("2026-01-02T03:04:05+00:00", props.GetProperty("When").GetString());
        Assert.Equal("Error", props.GetProperty("Level").GetString());
    }

    [Fact]
    public void Render_ExceptionChain_IsNestedObjectsWithData()
    {
        var inner = new ArgumentException("inner");
        var outer = new InvalidOperationException("outer", inner);
        outer.Data["OrderId"] = 42;
        var aggregate = new AggregateException("many", outer, new TimeoutException("slow"));

        using var document = JsonDocument.Parse(Json(Render.Record(exception: aggregate)));
        var exception = document.RootElement.GetProperty("exception");

        Assert.Equal("System.AggregateException", exception.GetProperty("type").GetString());
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("inner")[0].GetProperty("type").GetString());
        Assert.Equal(42, exception.GetProperty("inner")[0].GetProperty("data").GetProperty("OrderId").GetInt32());
        Assert.Equal("inner", exception.GetProperty("inner")[0].GetProperty("inner").GetProperty("message").GetString());
        Assert.Equal("System.TimeoutException", exception.GetProperty("inner")[1].GetProperty("type").GetString());
    }

    [Fact]
    public void Provider_SerializingSink_WritesParsableLinesWithTemplateAndProps()
    {
        var lines = new List<string>();
        var sink = DelegateSinkOptions.ForText("json", lines.Add);
        sink.Serialize = true;
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
        {
            var logger = provider.CreateLogger("Sample.Worker");
            using (logger.BeginScope("Request {RequestId}", 7))
            {
                logger.LogInformation(new EventId(5, "Bought"), "User {UserId} bought {Count}", 42, 3);
            }
        }

        using var document = JsonDocument.Parse(Assert.Single(lines));
        var root = document.RootElement;
        Assert.Equal("User 42 bought 3", root.GetProperty("message").GetString());
        Assert.Equal("User {UserId} bought {Count}", root.GetProperty("template").GetString());
        Assert.Equal(42, root.GetProperty("props").GetProperty("UserId").GetInt32());
        Assert.Equal("Request 7", root.GetProperty("scopes")[0].GetProperty("scope").GetString());
        Assert.Equal(7, root.GetProperty("scopes")[0].GetProperty("RequestId").GetInt32());
        Assert.Equal("Sample.Worker", root.GetProperty("category").GetString());
    }

    [Fact]
    public void Render_ScopePairWithNullKey_IsNamedNull_AndTheRecordIsKept()
    {
        var record = Render.Record(
            message: "inside",
            properties: [new("X", 7)],
            scopes: [new List<KeyValuePair<string, object?>> { new(null!, 1), new("(null)", 2), new("N", 3) }]);

        using var document = JsonDocument.Parse(Json(record), new JsonDocumentOptions { AllowDuplicateProperties = false });

        Assert.Equal("inside", document.RootElement.GetProperty("message").GetString());
        Assert.Equal(7, document.RootElement.GetProperty("props").GetProperty("X").GetInt32());
        Assert.Equal("[{\"(null)\":1,\"(null)_2\":2,\"N\":3}]", document.RootElement.GetProperty("scopes").GetRawText());
    }

    [Fact]
    public void Render_NonAsciiText_IsUtf8_ACharacterBeyondTheBasicPlaneIsItsEscapedSurrogatePair()
    {
        var json = Json(Render.Record(message: "ünïcode ✓ 日本 🐞"));

        // System.Text.Json's encoders escape every character outside the Basic Multilingual Plane, the relaxed one too.
        Assert.Contains("\"message\":\"ünïcode ✓ 日本 \\uD83D\\uDC1E\"", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("ünïcode ✓ 日本 🐞", document.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void Render_SelfContainingListAndLongList_StopAtEightLevelsAndAThousandItems()
    {
        var cyclic = new List<object?>();
        cyclic.Add(cyclic);

        using var document = JsonDocument.Parse(Json(Render.Record(properties: [new("Cyclic", cyclic), new("Long", Enumerable.Range(0, 1500).ToList())])));
        var props = document.RootElement.GetProperty("props");

        var depth = 0;
        for (var value = props.GetProperty("Cyclic"); value.ValueKind == JsonValueKind.Array; value = value[0])
        {
            depth++;
        }

        Assert.Equal(8, depth);
        Assert.Equal(Enumerable.Range(0, 1000), props.GetProperty("Long").EnumerateArray().Select(item => item.GetInt32()));
    }

    [Fact]
    public void Render_RecordThatFailsHalfWay_IsOneMinimalObjectSayingWhy_NeverHalfALine()
    {
        var buffer = new Utf8Buffer(256);

        new FailingHalfWay().Render(Render.Record(message: "the message"), buffer);

        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Single(json.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["time", "level", "category", "message"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("the message <LoguStyle could not serialize this record: InvalidOperationException: half way>", document.RootElement.GetProperty("message").GetString());
    }

    private static string Json(LogRecord record)
    {
        var buffer = new Utf8Buffer(256);
        JsonLineFormatter.For(JsonFormat.LoguStyle).Render(record, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>LoguStyle's schema, but the record's writing fails after the object was begun.</summary>
    private sealed class FailingHalfWay : JsonLineFormatter
    {
        public FailingHalfWay()
            : base(callerFields: null, stackCaller: false)
        {
        }

        protected override void WriteRecord(System.Text.Json.Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
        {
            writer.WriteStartObject();
            writer.WriteString("time", record.Timestamp);
            throw new InvalidOperationException("half way");
        }

        protected override void WriteMinimal(System.Text.Json.Utf8JsonWriter writer, LogRecord record, string message)
        {
            writer.WriteStartObject();
            writer.WriteString("time", record.Timestamp);
            writer.WriteString("level", "INFO");
            writer.WriteString("category", record.Category);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no");
    }
}
