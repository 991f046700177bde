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
/// The four JSON formats checked against their specs' rules (CLEF, ECS, OTLP/JSON LogRecord) on a fixed record and on
/// generated ones (odd characters, nested values, exceptions, scopes, property names that are the formats' own), and
/// read back by <see cref="LogFile.Read(string)"/> from a real file.
/// </summary>
public class JsonFormatTests : IDisposable
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private static readonly string[] ReservedNames =
    [
        "@t", "@m", "@mt", "@l", "@x", "@i", "@tr", "@sp", "@@t", "@r", "SourceContext", "EventId", "Scope", "ThreadId", "ProcessId",
        "time", "level", "message", "props", "scopes", "@timestamp", "log.level", "logustyle", "error.type",
        "logustyle.category", "logustyle.event_id", "logustyle.template", "logustyle.scopes", "exception.type", "thread.id", "process.pid",
        "timeUnixNano", "body", "A", "A_2", "näme with space",
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Clef_Record_HasTheReifiedFieldsAndTopLevelProperties()
    {
        var record = new LogRecord(Render.Time, LogLevel.Warning, "Sample.Worker", "User 42 bought 3")
        {
            EventId = new EventId(1001, "OrderPlaced"),
            Template = "User {UserId} bought {Count}",
            Exception = Thrown("refused"),
            Properties = [new("UserId", 42), new("@t", "mine"), new("Price", 29.97m)],
            Scopes = ["Request 7", new Dictionary<string, object?> { ["OrderId"] = 9 }],
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
        };
        var root = Line(JsonFormat.Clef, record);

        Assert.Equal("@t", root.EnumerateObject().First().Name);
        Assert.Equal(Render.Time, root.GetProperty("@t").GetDateTimeOffset());
        Assert.Equal("User 42 bought 3", root.GetProperty("@m").GetString());
        Assert.Equal("User {UserId} bought {Count}", root.GetProperty("@mt").GetString());
        Assert.Equal("Warning", root.GetProperty("@l").GetString());
        Assert.StartsWith("System.InvalidOperationException: refused", root.GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.Equal(1001, root.GetProperty("@i").GetInt32());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", root.GetProperty("@tr").GetString());
        Assert.Equal("00f067aa0ba902b7", root.GetProperty("@sp").GetString());
        Assert.Equal("Sample.Worker", root.GetProperty("SourceContext").GetString());
        Assert.Equal("OrderPlaced", root.GetProperty("EventId").GetProperty("Name").GetString());
        Assert.Equal(42, root.GetProperty("UserId").GetInt32());
        Assert.Equal("mine", root.GetProperty("@@t").GetString());
        Assert.Equal(9, root.GetProperty("OrderId").GetInt32());
        Assert.Equal(["Request 7"], root.GetProperty("Scope").EnumerateArray().Select(s => s.GetString()));
        Assert.False(Line(JsonFormat.Clef, Render.Record()).TryGetProperty("@l", out _));
    }

    [Fact]
    public void Ecs_Record_HasTheEcsFields()
    {
        var root = Line(JsonFormat.Ecs, Render.Record(exception: Thrown("refused"), properties: [new("UserId", 42)]));

        Assert.Equal(["@timestamp", "log.level", "message"], root.EnumerateObject().Take(3).Select(p => p.Name));
        Assert.Equal("2026-11-24T08:10:00.123Z", root.GetProperty("@timestamp").GetString());
        Assert.Equal("Information", root.GetProperty("log.level").GetString());
        Assert.Equal("8.11.0", root.GetProperty("ecs.version").GetString());
        Assert.Equal("Sample.Worker", root.GetProperty("log.logger").GetString());
        Assert.Equal("1001", root.GetProperty("event.code").GetString());
        Assert.Equal("OrderPlaced", root.GetProperty("event.action").GetString());
        Assert.Equal("System.InvalidOperationException", root.GetProperty("error.type").GetString());
        Assert.Equal("refused", root.GetProperty("error.message").GetString());
        Assert.Contains(nameof(Thrown), root.GetProperty("error.stack_trace").GetString(), StringComparison.Ordinal);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", root.GetProperty("trace.id").GetString());
        Assert.Equal("00f067aa0ba902b7", root.GetProperty("span.id").GetString());
        Assert.Equal(4242, root.GetProperty("process.pid").GetInt32());
        Assert.Equal(7, root.GetProperty("process.thread.id").GetInt32());
        Assert.Equal(42, root.GetProperty("logustyle").GetProperty("props").GetProperty("UserId").GetInt32());
    }

    [Theory]
    [InlineData(LogLevel.Trace, 1)]
    [InlineData(LogLevel.Debug, 5)]
    [InlineData(LogLevel.Information, 9)]
    [InlineData(LogLevel.Warning, 13)]
    [InlineData(LogLevel.Error, 17)]
    [InlineData(LogLevel.Critical, 21)]
    public void Otel_Record_IsAnOtlpJsonLogRecord(LogLevel level, int severityNumber)
    {
        var root = Line(JsonFormat.Otel, Render.Record(level: level, properties: [new("UserId", 42), new("Price", 2.5), new("Vip", true), new("Tags", new[] { "a", "b" })]));

        Assert.Equal("1795507800123000000", root.GetProperty("timeUnixNano").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("observedTimeUnixNano").ValueKind);
        Assert.Equal(severityNumber, root.GetProperty("severityNumber").GetInt32());
        Assert.Equal(level.ToString(), root.GetProperty("severityText").GetString());
        Assert.Equal("hello", root.GetProperty("body").GetProperty("stringValue").GetString());
        var attributes = root.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetRawText());
        Assert.Equal("""{"intValue":"42"}""", attributes["UserId"]);
        Assert.Equal("""{"doubleValue":2.5}""", attributes["Price"]);
        Assert.Equal("""{"boolValue":true}""", attributes["Vip"]);
        Assert.Equal("""{"arrayValue":{"values":[{"stringValue":"a"},{"stringValue":"b"}]}}""", attributes["Tags"]);
        Assert.Equal("""{"stringValue":"Sample.Worker"}""", attributes["logustyle.category"]);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", root.GetProperty("traceId").GetString());
        Assert.Equal("00f067aa0ba902b7", root.GetProperty("spanId").GetString());
        Assert.Equal("OrderPlaced", root.GetProperty("eventName").GetString());
    }

    [Fact]
    public void Otel_NonFiniteAndFloatValues_AreDoubleValuesAsProtobufJsonWritesThem()
    {
        var root = Line(JsonFormat.Otel, Render.Record(properties:
            [new("Nan", double.NaN), new("Up", double.PositiveInfinity), new("Down", double.NegativeInfinity), new("FloatNan", float.NaN), new("Tenth", 0.1f)]));

        var attributes = root.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetRawText());
        Assert.Equal("""{"doubleValue":"NaN"}""", attributes["Nan"]);
        Assert.Equal("""{"doubleValue":"Infinity"}""", attributes["Up"]);
        Assert.Equal("""{"doubleValue":"-Infinity"}""", attributes["Down"]);
        Assert.Equal("""{"doubleValue":"NaN"}""", attributes["FloatNan"]);
        Assert.Equal("""{"doubleValue":0.1}""", attributes["Tenth"]);
        var read = ReadBack(JsonFormat.Otel, Render.Record(properties: [new("Nan", double.NaN), new("Up", double.PositiveInfinity)]));
        Assert.Equal([double.NaN, double.PositiveInfinity], read.Properties.Select(p => Assert.IsType<double>(p.Value)));
    }

    [Fact]
    public void EveryFormat_ByteArray_IsBase64Text_WholeAndTheSameEnqueued()
    {
        var bytes = Enumerable.Range(0, 1500).Select(i => (byte)i).ToArray();
        var base64 = Convert.ToBase64String(bytes);
        var record = Render.Record(properties: [new("Payload", bytes)]);

        Assert.Equal(base64, Line(JsonFormat.LoguStyle, record).GetProperty("props").GetProperty("Payload").GetString());
        Assert.Equal(base64, Line(JsonFormat.Clef, record).GetProperty("Payload").GetString());
        Assert.Equal(base64, Line(JsonFormat.Ecs, record).GetProperty("logustyle").GetProperty("props").GetProperty("Payload").GetString());
        var otel = Line(JsonFormat.Otel, record).GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "Payload");
        Assert.Equal(base64, otel.GetProperty("value").GetProperty("bytesValue").GetString());

        // An enqueued sink copies the array when the record is captured: still bytes, not a list of numbers.
        var path = _folder.File("bytes.json");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, Enqueue = true } } }))
        {
            provider.CreateLogger("Sample").LogInformation("Sent {Payload}", bytes);
        }

        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path)));
        Assert.Equal(base64, line.RootElement.GetProperty("props").GetProperty("Payload").GetString());
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(int.MinValue)]
    [InlineData(1001)]
    public void Clef_EventId_IsWhatSerilogsCompactReaderTakes_AndReadsBack(int id)
    {
        var record = new LogRecord(Render.Time, LogLevel.Information, "Sample.Worker", "hello") { EventId = new EventId(id, "Placed") };
        var written = Line(JsonFormat.Clef, record).GetProperty("@i");

        // Serilog.Formatting.Compact.Reader reads @i as a string, or as a number it converts to a uint (a negative
        // number throws there).
        if (written.ValueKind == JsonValueKind.Number)
        {
            Assert.True(written.TryGetUInt32(out var unsigned) && unsigned == id, written.GetRawText());
        }
        else
        {
            Assert.Equal(id.ToString(CultureInfo.InvariantCulture), written.GetString());
        }

        Assert.Equal(id, ReadBack(JsonFormat.Clef, record).EventId.Id);
    }

    [Property(MaxTest = 300)]
    public Property EveryFormat_GeneratedDecimal_ParsesBackToTheLoggedDecimalExactly() =>
        Prop.ForAll(Arb.From(Decimals()), number =>
        {
            var record = Render.Record(properties: [new("Amount", number)]);

            // The plain-JSON formats write a JSON number whose text is the decimal's, digits and scale.
            foreach (var element in new[]
            {
                Line(JsonFormat.LoguStyle, record).GetProperty("props").GetProperty("Amount"),
                Line(JsonFormat.Clef, record).GetProperty("Amount"),
                Line(JsonFormat.Ecs, record).GetProperty("logustyle").GetProperty("props").GetProperty("Amount"),
            })
            {
                Assert.Equal(JsonValueKind.Number, element.ValueKind);
                Assert.Equal(number, element.GetDecimal());
                Assert.Equal(number.Scale, element.GetDecimal().Scale);
            }

            // OTLP's AnyValue has no decimal and a doubleValue would round: the exact text as a stringValue.
            var otel = Line(JsonFormat.Otel, record).GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "Amount").GetProperty("value");
            var text = otel.GetProperty("stringValue").GetString()!;
            Assert.Equal(number, decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture));
            Assert.Equal(number.ToString(CultureInfo.InvariantCulture), text);
            Assert.Equal(number.ToString(CultureInfo.InvariantCulture), ReadBack(JsonFormat.Otel, record).Properties.Single().Value);
        });

    [Fact]
    public void Otel_UlongOverInt64_IsItsExactText_NotARoundedDouble()
    {
        var root = Line(JsonFormat.Otel, Render.Record(properties: [new("Big", ulong.MaxValue), new("Fits", (ulong)long.MaxValue)]));

        var attributes = root.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetRawText());
        Assert.Equal("""{"stringValue":"18446744073709551615"}""", attributes["Big"]);
        Assert.Equal("""{"intValue":"9223372036854775807"}""", attributes["Fits"]);
    }

    [Fact]
    public void Clef_NestedKeyNamedType_IsWrittenWithTheSuffix_SoSerilogsReaderDoesNotTakeItForTheTypeTag()
    {
        // Serilog.Formatting.Compact.Reader's PropertyFactory turns every JSON object into a structure and takes its
        // "$type" member out as the type tag (Value<string>(), which throws for an object); it unescapes '@@' only at
        // the top level.
        var order = new Dictionary<string, object?>
        {
            ["$type"] = new Dictionary<string, object?> { ["Name"] = "Order" },
            ["@x"] = 1,
            ["Lines"] = new object?[] { new Dictionary<string, object?> { ["$type"] = "Line", ["$type_2"] = 2 } },
        };
        var record = Render.Record(properties: [new("Order", order), new("$type", "top"), new("@y", 3)]);
        var root = Line(JsonFormat.Clef, record);

        var written = root.GetProperty("Order");
        Assert.False(written.TryGetProperty("$type", out _));
        Assert.Equal("Order", written.GetProperty("$type_2").GetProperty("Name").GetString());
        Assert.Equal(1, written.GetProperty("@x").GetInt32());
        var line = Assert.Single(written.GetProperty("Lines").EnumerateArray());
        Assert.Equal(["$type_2", "$type_2_2"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal("top", root.GetProperty("$type").GetString());
        Assert.Equal(3, root.GetProperty("@@y").GetInt32());

        // The other formats have no type tag: the key stays as logged.
        Assert.Equal("Order", Line(JsonFormat.LoguStyle, record).GetProperty("props").GetProperty("Order").GetProperty("$type").GetProperty("Name").GetString());
        var read = ReadBack(JsonFormat.Clef, record);
        Assert.Equal(["$type_2", "@x", "Lines"], Assert.IsType<Dictionary<string, object?>>(read.Properties.Single(p => p.Key == "Order").Value).Keys);
        Assert.Equal(["Order", "$type", "@y"], read.Properties.Select(p => p.Key));
    }

    [Property(MaxTest = 150)]
    public Property EveryFormat_GeneratedRecord_FollowsItsSpecAndReadsBack() =>
        Prop.ForAll(Arb.From(Records()), record =>
        {
            var baseline = ReadBack(JsonFormat.LoguStyle, record);
            foreach (var format in new[] { JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel })
            {
                var root = Line(format, record);
                switch (format)
                {
                    case JsonFormat.Clef:
                        CheckClef(root, record);
                        break;
                    case JsonFormat.Ecs:
                        CheckEcs(root, record);
                        break;
                    default:
                        CheckOtel(root, record);
                        break;
                }

                CheckRoundTrip(format, record, baseline, ReadBack(format, record));
            }
        });

    [Theory]
    [InlineData("Clef", "@t")]
    [InlineData("Ecs", "@timestamp")]
    [InlineData("Otel", "timeUnixNano")]
    [InlineData("LoguStyle", "time")]
    public void FileSink_WithJsonFormat_WritesThatFormat_AndLogFileReadsItBack(string format, string timeField)
    {
        var path = _folder.File("app.json");
        var jsonFormat = Enum.Parse<JsonFormat>(format);
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, JsonFormat = jsonFormat } } }))
        {
            var logger = provider.CreateLogger("Sample.Orders");
            using (logger.BeginScope("Request {RequestId}", 7))
            {
                logger.LogInformation(new EventId(3, "Placed"), "Order {OrderId} placed", 42);
            }

            logger.LogError(Thrown("refused"), "Failed");
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.True(JsonDocument.Parse(line, Strict).RootElement.TryGetProperty(timeField, out _)));
        var records = LogFile.Read(path).ToList();
        Assert.Equal(["Order 42 placed", "Failed"], records.Select(r => r.Message));
        Assert.Equal([LogLevel.Information, LogLevel.Error], records.Select(r => r.Level));
        Assert.Equal("Sample.Orders", records[0].Category);
        Assert.Equal(new EventId(3, "Placed"), records[0].EventId);
        Assert.Equal("Order {OrderId} placed", records[0].Template);
        Assert.Equal(42L, records[0].Properties.Single(p => p.Key == "OrderId").Value);
        Assert.Equal("System.InvalidOperationException", Assert.IsType<LoggedException>(records[1].Exception).TypeName);
        Assert.Equal("refused", records[1].Exception!.Message);
    }

    [Theory]
    [InlineData(JsonFormat.LoguStyle)]
    [InlineData(JsonFormat.Clef)]
    [InlineData(JsonFormat.Ecs)]
    [InlineData(JsonFormat.Otel)]
    public void EveryFormat_NativeAotStack_IsTheExceptionTokensCleanText(JsonFormat format)
    {
        // The stack a Native AOT binary gives an exception thrown through awaits (tests/Provider.AotApp, published).
        var exception = new StackedException(
            "   at Orders.<SaveAsync>d__4.MoveNext() + 0x5c\n--- End of stack trace from previous location ---\n" +
            "   at Program.<<Main>$>d__0.MoveNext() + 0x373",
            new StackedException("   at Orders.Charge(Int32) + 0x101"));
        var record = new LogRecord(Render.Time, LogLevel.Error, "Sample.Worker", "failed") { Exception = exception };

        var stack = ExceptionStack(format, Line(format, record));

        var nl = Environment.NewLine;
        var type = typeof(StackedException).FullName;
        Assert.Equal(
            format == JsonFormat.LoguStyle
                ? $"   at Orders.SaveAsync(...){nl}   at Program.<Main>$(...)"
                : $"{type}: stacked{nl}   at Orders.SaveAsync(...){nl}   at Program.<Main>$(...){nl} ---> {type}: stacked{nl}   at Orders.Charge(Int32)",
            stack);
    }

    [Theory]
    [InlineData(JsonFormat.LoguStyle)]
    [InlineData(JsonFormat.Clef)]
    [InlineData(JsonFormat.Ecs)]
    [InlineData(JsonFormat.Otel)]
    public async Task EveryFormat_JitAsyncStack_HasTheTokensFrames_WithoutTheAwaitMachinery(JsonFormat format)
    {
        Exception exception;
        try
        {
            await FailAsync();
            throw new InvalidOperationException("did not throw");
        }
        catch (TimeoutException ex)
        {
            exception = ex;
        }

        var record = new LogRecord(Render.Time, LogLevel.Error, "Sample.Worker", "failed") { Exception = exception };

        var stack = ExceptionStack(format, Line(format, record));

        Assert.Contains(nameof(FailDeeperAsync), stack, StringComparison.Ordinal);
        Assert.Contains(nameof(FailAsync), stack, StringComparison.Ordinal);
        Assert.DoesNotContain("End of stack trace from previous location", stack, StringComparison.Ordinal);
        Assert.DoesNotContain("MoveNext", stack, StringComparison.Ordinal);
        var token = ExceptionText.Render(exception, colored: false);
        Assert.Equal(format == JsonFormat.LoguStyle ? token[(token.IndexOf(Environment.NewLine, StringComparison.Ordinal) + Environment.NewLine.Length)..] : token, stack);
    }

    [Theory]
    [InlineData(JsonFormat.LoguStyle, "Save", null, 0, "function")]
    [InlineData(JsonFormat.LoguStyle, "Save", "", 0, "function")]
    [InlineData(JsonFormat.LoguStyle, "", "/src/Orders.cs", 12, "file line")]
    [InlineData(JsonFormat.LoguStyle, "Save", "/src/Orders.cs", 12, "function file line")]
    [InlineData(JsonFormat.Ecs, "Save", null, 0, "log.origin.function")]
    [InlineData(JsonFormat.Ecs, "Save", "", 0, "log.origin.function")]
    [InlineData(JsonFormat.Ecs, "", "/src/Orders.cs", 12, "log.origin.file.name log.origin.file.line")]
    [InlineData(JsonFormat.Ecs, "Save", "/src/Orders.cs", 12, "log.origin.function log.origin.file.name log.origin.file.line")]
    [InlineData(JsonFormat.Otel, "Save", null, 0, "code.function.name")]
    [InlineData(JsonFormat.Otel, "Save", "", 0, "code.function.name")]
    [InlineData(JsonFormat.Otel, "", "/src/Orders.cs", 12, "code.file.path code.line.number")]
    [InlineData(JsonFormat.Otel, "Save", "/src/Orders.cs", 12, "code.function.name code.file.path code.line.number")]
    [InlineData(JsonFormat.Clef, "Save", "/src/Orders.cs", 12, "")]
    public void EveryFormat_CallerPartlyUnknown_WritesOnlyTheFieldsItKnows(JsonFormat format, string function, string? file, int line, string expected)
    {
        // A caller with no file or line (a Native AOT build without line info, Catch): "a field that would be empty is left out".
        var record = new LogRecord(Render.Time, LogLevel.Information, "Sample.Worker", "saved")
        {
            CallerFunction = function,
            CallerFilePath = file,
            CallerLine = line,
        };

        var root = Line(format, record);

        string[] callerFields = format switch
        {
            JsonFormat.Ecs => ["log.origin.function", "log.origin.file.name", "log.origin.file.line"],
            JsonFormat.Otel => ["code.function.name", "code.file.path", "code.line.number"],
            _ => ["function", "file", "line"],
        };
        var names = format == JsonFormat.Otel
            ? root.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()!)
            : root.EnumerateObject().Select(p => p.Name);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), names.Where(callerFields.Contains));
    }

    private static string? ExceptionStack(JsonFormat format, JsonElement root) => format switch
    {
        JsonFormat.LoguStyle => root.GetProperty("exception").GetProperty("stack").GetString(),
        JsonFormat.Clef => root.GetProperty("@x").GetString(),
        JsonFormat.Ecs => root.GetProperty("error.stack_trace").GetString(),
        _ => root.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "exception.stacktrace").GetProperty("value").GetProperty("stringValue").GetString(),
    };

    private static async Task FailAsync()
    {
        await Task.Yield();
        await FailDeeperAsync();
    }

    private static async Task FailDeeperAsync()
    {
        await Task.Yield();
        throw new TimeoutException("async deep");
    }

    private static void CheckClef(JsonElement root, LogRecord record)
    {
        string[] reified = ["@t", "@m", "@mt", "@l", "@x", "@i", "@tr", "@sp"];
        Assert.Equal("@t", root.EnumerateObject().First().Name);
        Assert.Equal(record.Timestamp, root.GetProperty("@t").GetDateTimeOffset());
        Assert.Equal(Sanitized(record.Message), root.GetProperty("@m").GetString());
        Assert.Equal(record.Level == LogLevel.Information, !root.TryGetProperty("@l", out var level));
        if (record.Level != LogLevel.Information)
        {
            Assert.Equal(new[] { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal" }[(int)record.Level], level.GetString());
        }

        Assert.Equal(record.Exception is not null, root.TryGetProperty("@x", out var exception));
        if (record.Exception is not null)
        {
            Assert.Equal(JsonValueKind.String, exception.ValueKind);
        }

        Assert.Equal(record.EventId.Id != 0, root.TryGetProperty("@i", out var id));
        Assert.True(record.EventId.Id == 0 || (id.ValueKind == JsonValueKind.Number ? id.TryGetUInt32(out var unsigned) && unsigned == record.EventId.Id : id.GetString() == record.EventId.Id.ToString(CultureInfo.InvariantCulture)));

        // Every name starting with '@' is a reified field or an escaped property ('@@').
        Assert.All(root.EnumerateObject().Where(p => p.Name.StartsWith('@')), p => Assert.True(reified.Contains(p.Name) || p.Name.StartsWith("@@", StringComparison.Ordinal), p.Name));
        foreach (var (name, _) in record.Properties)
        {
            var written = name.StartsWith('@') ? "@" + name : name;
            Assert.True(root.TryGetProperty(Sanitized(written), out _) || root.EnumerateObject().Any(p => p.Name.StartsWith(Sanitized(written) + "_", StringComparison.Ordinal)), written);
        }
    }

    private static void CheckEcs(JsonElement root, LogRecord record)
    {
        Assert.Equal(["@timestamp", "log.level", "message"], root.EnumerateObject().Take(3).Select(p => p.Name));
        var timestamp = root.GetProperty("@timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.Equal(record.Timestamp, DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture));
        Assert.Equal(record.Level.ToString(), root.GetProperty("log.level").GetString());
        Assert.Equal(Sanitized(record.Message), root.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("ecs.version").ValueKind);
        Assert.Equal(Sanitized(record.Category), root.GetProperty("log.logger").GetString());
        Assert.Equal(record.ProcessId, root.GetProperty("process.pid").GetInt32());
        Assert.Equal(record.ThreadId, root.GetProperty("process.thread.id").GetInt32());
        Assert.Equal(record.TraceId, root.TryGetProperty("trace.id", out var trace) ? trace.GetString() : null);
        Assert.Equal(record.SpanId, root.TryGetProperty("span.id", out var span) ? span.GetString() : null);
        foreach (var field in new[] { "error.type", "error.message", "error.stack_trace" })
        {
            Assert.Equal(record.Exception is not null, root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String);
        }

        // Everything else is an ECS field or under the one custom namespace.
        string[] fields = ["@timestamp", "log.level", "message", "ecs.version", "log.logger", "event.code", "event.action", "process.pid", "process.thread.id", "trace.id", "span.id", "error.type", "error.message", "error.stack_trace", "logustyle"];
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, fields));
        if (record.EventId.Id != 0)
        {
            Assert.Equal(JsonValueKind.String, root.GetProperty("event.code").ValueKind);
        }
    }

    private static void CheckOtel(JsonElement root, LogRecord record)
    {
        var nanos = root.GetProperty("timeUnixNano").GetString()!;
        Assert.Matches("^[0-9]+$", nanos);
        Assert.Equal((record.Timestamp - DateTimeOffset.UnixEpoch).Ticks * 100, long.Parse(nanos, CultureInfo.InvariantCulture));
        Assert.Equal(JsonValueKind.String, root.GetProperty("observedTimeUnixNano").ValueKind);
        Assert.Equal(new[] { 1, 5, 9, 13, 17, 21 }[(int)record.Level], root.GetProperty("severityNumber").GetInt32());
        Assert.Equal(record.Level.ToString(), root.GetProperty("severityText").GetString());
        Assert.Equal(Sanitized(record.Message), root.GetProperty("body").GetProperty("stringValue").GetString());
        var keys = root.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("key").GetString()).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(root.GetProperty("attributes").EnumerateArray(), a => CheckAnyValue(a.GetProperty("value")));
        if (record.TraceId is not null)
        {
            Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("traceId").GetString()!);
            Assert.Matches("^[0-9a-f]{16}$", root.GetProperty("spanId").GetString()!);
        }

        Assert.Equal(string.IsNullOrEmpty(record.EventId.Name) ? null : record.EventId.Name, root.TryGetProperty("eventName", out var name) ? name.GetString() : null);
        string[] fields = ["timeUnixNano", "observedTimeUnixNano", "severityNumber", "severityText", "body", "attributes", "traceId", "spanId", "eventName"];
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, fields));
    }

    /// <summary>An AnyValue has at most one member, of the type OTLP/JSON gives it (a 64-bit integer is a decimal string).</summary>
    private static void CheckAnyValue(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        var members = value.EnumerateObject().ToList();
        Assert.True(members.Count <= 1);
        foreach (var member in members)
        {
            switch (member.Name)
            {
                case "stringValue" or "bytesValue":
                    Assert.Equal(JsonValueKind.String, member.Value.ValueKind);
                    break;
                case "boolValue":
                    Assert.Contains(member.Value.ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
                    break;
                case "intValue":
                    Assert.Matches("^-?[0-9]+$", member.Value.GetString()!);
                    break;
                case "doubleValue":
                    Assert.True(member.Value.ValueKind == JsonValueKind.Number || member.Value.GetString() is "NaN" or "Infinity" or "-Infinity", member.Value.GetRawText());
                    break;
                case "arrayValue":
                    Assert.All(member.Value.GetProperty("values").EnumerateArray(), CheckAnyValue);
                    break;
                case "kvlistValue":
                    Assert.All(member.Value.GetProperty("values").EnumerateArray(), kv =>
                    {
                        Assert.Equal(JsonValueKind.String, kv.GetProperty("key").ValueKind);
                        CheckAnyValue(kv.GetProperty("value"));
                    });
                    break;
                default:
                    Assert.Fail($"'{member.Name}' is not an AnyValue member.");
                    break;
            }
        }
    }

    /// <summary>
    /// What every format reads back the same as LoguStyle's own: time (as an instant), level, category, message,
    /// event, template, exception type, thread, process, trace; the properties (with the scopes' pairs for the flat
    /// formats, one value a name) by their values, as text; the scope texts.
    /// </summary>
    private static void CheckRoundTrip(JsonFormat format, LogRecord record, LogRecord baseline, LogRecord read)
    {
        Assert.Equal(baseline.Timestamp, read.Timestamp);
        Assert.Equal(baseline.Level, read.Level);
        Assert.Equal(baseline.Category, read.Category);
        Assert.Equal(baseline.Message, read.Message);
        Assert.Equal(baseline.EventId.Id, read.EventId.Id);
        Assert.Equal(string.IsNullOrEmpty(baseline.EventId.Name) ? null : baseline.EventId.Name, string.IsNullOrEmpty(read.EventId.Name) ? null : read.EventId.Name);
        Assert.Equal(baseline.Template, read.Template);
        Assert.Equal(baseline.ThreadId, read.ThreadId);
        Assert.Equal(baseline.ProcessId, read.ProcessId);
        Assert.Equal(baseline.TraceId, read.TraceId);
        Assert.Equal(baseline.SpanId, read.SpanId);
        Assert.Equal((baseline.Exception as LoggedException)?.TypeName, (read.Exception as LoggedException)?.TypeName);
        var expectedMessage = baseline.Exception?.Message;
        Assert.Equal(expectedMessage, read.Exception?.Message);

        // Values compared with what was logged by their JSON text, numbers as doubles; OTLP carries a decimal as its
        // exact text (docs/json.md).
        var expected = record.Properties.Select(p => Expected(format, p.Value)).ToList();
        var expectedTexts = new List<string>();

        // A name has the value {extra[Name]} shows: a scope's pair whose name the template or an inner scope gives is
        // left out (docs/json.md#repeated-names).
        var templateNames = record.Properties.Select(p => p.Key ?? "(null)").ToHashSet(StringComparer.Ordinal);
        var scopeValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in record.Scopes)
        {
            switch (scope)
            {
                case string text:
                    expectedTexts.Add(Sanitized(text));
                    break;
                case IReadOnlyList<KeyValuePair<string, object?>> pairs:
                    var inThisScope = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var pair in pairs.Where(p => p.Key != "{OriginalFormat}"))
                    {
                        var name = pair.Key ?? "(null)";
                        if (inThisScope.Add(name) && !templateNames.Contains(name))
                        {
                            scopeValues[name] = Canon(pair.Value);
                        }
                    }

                    if (pairs[^1].Key == "{OriginalFormat}")
                    {
                        expectedTexts.Add(string.Create(CultureInfo.InvariantCulture, $"Request {pairs[0].Value}"));
                    }

                    break;
            }
        }

        expected.AddRange(scopeValues.Values);
        Assert.Equal(expected.Order(StringComparer.Ordinal), read.Properties.Select(p => Canon(p.Value)).Order(StringComparer.Ordinal));
        Assert.Equal(expectedTexts, read.Scopes.Select(s => s as string ?? "<not text>"));
    }

    private static string Canon(object? value) => value switch
    {
        null => "null",
        string text => JsonSerializer.Serialize(text),
        bool flag => flag ? "true" : "false",
        long or int or decimal or double => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        IDictionary<string, object?> map => "{" + string.Join(",", map.Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canon(p.Value))) + "}",
        System.Collections.IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Canon)) + "]",
        _ => value.ToString()!,
    };

    /// <summary><see cref="Canon"/> of what <paramref name="format"/> reads back for a logged value: text as UTF-8 keeps it, a decimal in OTLP as its exact text.</summary>
    private static string Expected(JsonFormat format, object? value) => value switch
    {
        string text => Canon(Sanitized(text)),
        decimal number when format == JsonFormat.Otel => Canon(number.ToString(CultureInfo.InvariantCulture)),
        IDictionary<string, object?> map => "{" + string.Join(",", map.Select(p => JsonSerializer.Serialize(Sanitized(p.Key)) + ":" + Expected(format, p.Value))) + "}",
        System.Collections.IEnumerable items and not string => "[" + string.Join(",", items.Cast<object?>().Select(item => Expected(format, item))) + "]",
        _ => Canon(value),
    };

    private LogRecord ReadBack(JsonFormat format, LogRecord record)
    {
        var path = _folder.File($"{format}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Text(format, record), new UTF8Encoding(false));
        return Assert.Single(LogFile.Read(path, (_, error) => Assert.Fail(error.ToString())));
    }

    private static JsonElement Line(JsonFormat format, LogRecord record)
    {
        var text = Text(format, record);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Strict: no name twice in any object.
        return JsonDocument.Parse(text, Strict).RootElement.Clone();
    }

    private static string Text(JsonFormat format, LogRecord record)
    {
        var buffer = new Utf8Buffer(256);
        JsonLineFormatter.For(format).Render(record, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Sanitized(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static InvalidOperationException Thrown(string message)
    {
        try
        {
            throw new InvalidOperationException(message);
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    /// <summary>Decimals from all 96 bits of their integer and every scale, and the edges.</summary>
    private static Gen<decimal> Decimals() =>
        Gen.Frequency(
            (4, from lo in Gen.Choose(int.MinValue, int.MaxValue)
                from mid in Gen.Choose(int.MinValue, int.MaxValue)
                from hi in Gen.Elements(0, 1, 1 << 20, int.MaxValue, -1)
                from negative in Gen.Elements(true, false)
                from scale in Gen.Choose(0, 28)
                select new decimal(lo, mid, hi, negative, (byte)scale)),
            (1, Gen.Elements(decimal.MaxValue, decimal.MinValue, 0.1m, 0.0000000000000000000000000001m, 29.970m, 0.00m, 1234567890.123456789m, 9007199254740993m)));

    private static Gen<string> OddText() =>
        Gen.Elements("", "plain", "quote \" back \\ slash", "line\nbreak\r\n", "tab\tnul\0", "ünïcødé ✓ 😀", "lone \uD800 surrogate", "{braces} {{x}}", "@at", "</script>")
            .SelectMany(a => Gen.Elements("", " and ", "\u001b[31m").Select(b => a + b));

    private static Gen<object?> Values(int depth) =>
        depth == 0
            ? Gen.OneOf(
                Gen.Constant<object?>(null),
                OddText().Select(s => (object?)s),
                Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)i),
                Gen.Choose(-1000, 1000).Select(i => (object?)(i / 8.0)),
                Gen.Choose(-1000, 1000).Select(i => (object?)(i / 100m)),
                Gen.Elements<object?>(true, false, long.MaxValue, long.MinValue))
            : Gen.OneOf(
                Values(0),
                Values(depth - 1).ListOf().Select(items => (object?)items.ToArray()),
                Gen.Zip(OddText(), Values(depth - 1)).ListOf().Select(pairs => (object?)pairs
                    .Select((p, i) => (Key: p.Item1 + i.ToString(CultureInfo.InvariantCulture), Value: p.Item2))
                    .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));

    private static Gen<LogRecord> Records() =>
        from message in OddText()
        from level in Gen.Choose(0, 5).Select(l => (LogLevel)l)
        from category in Gen.Elements("Sample.Worker", "a.b c", "ünï")
        from eventId in Gen.Elements(0, 1, 1001, -5)
        from eventName in Gen.Elements<string?>(null, "", "Placed", "odd \"name\"")
        from names in Gen.Elements(ReservedNames).Select(n => n).ListOf()
        from values in Values(2).ArrayOf(names.Count)
        from scopeText in Gen.Elements<string?>(null, "Request 7", "odd \n\"scope\"")
        from scopeValue in Gen.Choose(-5, 5)
        from scopeName in Gen.Elements(ReservedNames)
        from exception in Gen.Elements<string?>(null, "refused", "two\nlines", "with: colon")
        from traced in Gen.Elements(true, false)
        select new LogRecord(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.FromHours(1)).AddTicks(eventId * 12_345L), level, category, message)
        {
            EventId = new EventId(eventId, eventName),
            Template = names.Count > 0 ? "T " + string.Concat(names.Select(n => "{" + n + "}")) : null,
            Properties = [.. names.Select((n, i) => new KeyValuePair<string, object?>(n, values[i]))],
            Scopes = BuildScopes(scopeText, scopeName, scopeValue),
            Exception = exception is null ? null : Thrown(exception),
            ThreadId = 7,
            ProcessId = 4242,
            TraceId = traced ? "4bf92f3577b34da6a3ce929d0e0e4736" : null,
            SpanId = traced ? "00f067aa0ba902b7" : null,
        };

    private static object?[] BuildScopes(string? text, string name, int value) =>
        text is null
            ? []
            : [text, new TemplateScope(value), new KeyValuePair<string, object?>[] { new(name, value) }];

    /// <summary>A template scope as MEL's <c>BeginScope("Request {RequestId}", value)</c> makes it: its pairs, then the template; its text by <c>ToString()</c>.</summary>
    private sealed class TemplateScope : List<KeyValuePair<string, object?>>
    {
        public TemplateScope(int value)
            : base([new("RequestId", value), new("{OriginalFormat}", "Request {RequestId}")])
        {
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Request {this[0].Value}");
    }
}
