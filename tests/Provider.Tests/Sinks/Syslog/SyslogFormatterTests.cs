using System.Text;
using LoguStyle.Formatting;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

public class SyslogFormatterTests
{
    private static string Format(LogRecord record, Action<SyslogSinkOptions>? configure = null, string host = "web-1")
    {
        var options = new SyslogSinkOptions { AppName = "shop", Format = "{message}" };
        configure?.Invoke(options);
        ISyslogFormatter formatter = options.Protocol == SyslogProtocol.Local
            ? new Rfc3164Formatter(options, LevelTable.Default)
            : new Rfc5424Formatter(options, LevelTable.Default, host);
        var buffer = new Utf8Buffer(256);
        formatter.Render(record, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static LogRecord Record(LogLevel level = LogLevel.Information, string message = "hello", EventId eventId = default, IReadOnlyList<KeyValuePair<string, object?>>? properties = null, IReadOnlyList<object?>? scopes = null) =>
        new(Render.Time, level, "Sample.Worker", message)
        {
            EventId = eventId,
            ProcessId = 4242,
            Properties = properties ?? [],
            Scopes = scopes ?? [],
        };

    // The logging threads format every record of a syslog queue (and the writer those they did not): a string made of
    // each number (the PRI, the PROCID of RFC 3164's "[4242]: "), or a boxed enumerator of the properties, was an
    // allocation per record.
    [Theory]
    [InlineData(SyslogProtocol.Udp, "<14>1 2026-11-24T09:10:00.123000+01:00 web-1 shop 4242 - [logustyle@32473 Thread=\"3\" Sequence=\"12345\" Name=\"a\\]b\"] hello")]
    [InlineData(SyslogProtocol.Local, "<14>Nov 24 09:10:00 shop[4242]: hello")]
    public void Render_NumberAndStringProperties_AllocatesNothing(SyslogProtocol protocol, string expected)
    {
        var record = Record(properties: [new("Thread", 3), new("Sequence", 12345L), new("Name", "a]b")]);
        var options = new SyslogSinkOptions { AppName = "shop", Format = "{message}", Protocol = protocol };
        ISyslogFormatter formatter = protocol == SyslogProtocol.Local
            ? new Rfc3164Formatter(options, LevelTable.Default)
            : new Rfc5424Formatter(options, LevelTable.Default, "web-1");
        var buffer = new Utf8Buffer(256);
        formatter.Render(record, buffer);
        buffer.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        formatter.Render(record, buffer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Render_PlainRecord_IsTheRfc5424Layout()
    {
        Assert.Equal("<14>1 2026-11-24T09:10:00.123000+01:00 web-1 shop 4242 - - hello", Format(Record()));
    }

    [Theory]
    [InlineData(LogLevel.Critical, SyslogFacility.User, 10)]
    [InlineData(LogLevel.Error, SyslogFacility.User, 11)]
    [InlineData(LogLevel.Warning, SyslogFacility.User, 12)]
    [InlineData(LogLevel.Information, SyslogFacility.User, 14)]
    [InlineData(LogLevel.Debug, SyslogFacility.User, 15)]
    [InlineData(LogLevel.Trace, SyslogFacility.User, 15)]
    [InlineData(LogLevel.Error, SyslogFacility.Kern, 3)]
    [InlineData(LogLevel.Information, SyslogFacility.Local7, 190)]
    public void Render_LevelAndFacility_PriIsFacilityTimesEightPlusSeverity(LogLevel level, SyslogFacility facility, int pri)
    {
        Assert.StartsWith($"<{pri}>1 ", Format(Record(level), o => o.Facility = facility), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TicksBeyondMicroseconds_TimestampHasSixFractionalDigits()
    {
        var record = new LogRecord(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero).AddTicks(1_234_567), LogLevel.Information, "c", "m");
        Assert.Contains(" 2026-11-24T09:10:00.123456+00:00 ", Format(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HeaderFieldsOutsidePrintableAscii_AreUnderscoresWithinTheRfcLimits()
    {
        var text = Format(Record(eventId: new EventId(7, "Order placed\u00e9")), o => o.AppName = null, host: "h\u00f6st " + new string('h', 300));
        var fields = text.Split(' ');
        Assert.Equal("h_st_" + new string('h', 250), fields[2]);
        Assert.Equal(SyslogText.MaxHostName, fields[2].Length);
        Assert.Equal("Order_placed_", fields[5]);
        Assert.All(text.Split(' ').Take(6), field => Assert.True(field.All(c => c is >= '!' and <= '~')));
    }

    [Fact]
    public void Render_LongNames_CutAtTheirLimits()
    {
        var text = Format(Record(eventId: new EventId(1, new string('m', 40))), o => o.AppName = new string('a', 60));
        var fields = text.Split(' ');
        Assert.Equal(new string('a', 48), fields[3]);
        Assert.Equal(new string('m', 32), fields[5]);
    }

    [Theory]
    [InlineData(0, null, null, "-")]
    [InlineData(1001, null, null, "1001")]
    [InlineData(1001, "OrderPlaced", null, "OrderPlaced")]
    [InlineData(1001, "OrderPlaced", "FIXED", "FIXED")]
    public void Render_MessageId_FixedElseEventNameElseEventIdElseDash(int id, string? name, string? fixedId, string expected)
    {
        var fields = Format(Record(eventId: new EventId(id, name)), o => o.MessageId = fixedId).Split(' ');
        Assert.Equal(expected, fields[5]);
    }

    // As {extra[Name]} reads them (ExtraScopeTypesTests): a direct syslog sink (Enqueue: false) gets the scopes as they
    // were made, and a Dictionary<string, int> is no list of KeyValuePair<string, object?>: its pairs were left out.
    [Fact]
    public void Render_ScopesOfPairsOfAnyValueType_AreParamsAsJsonWritesThem()
    {
        var record = Record(scopes: [new Dictionary<string, int> { ["OrderId"] = 7 }, new List<KeyValuePair<string, Guid>> { new("Trace", Guid.Empty) }, new Dictionary<string, bool> { ["Paid"] = true }]);

        var text = Format(record, o => o.StructuredDataId = "shop@12345");

        Assert.Contains(" [shop@12345 Paid=\"True\" Trace=\"00000000-0000-0000-0000-000000000000\" OrderId=\"7\"] hello", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PropertiesAndScopes_OneSdElementWithEscapedValues()
    {
        var record = Record(
            properties: [new("UserId", 42), new("Note", "a \"quoted\" \\ ] é"), new("{OriginalFormat}", "x")],
            scopes: [new Dictionary<string, object?> { ["Request"] = 7, ["UserId"] = 1 }, "plain scope", new List<KeyValuePair<string, object?>> { new("Bad Name=\"]", "v") }]);

        var text = Format(record, o => o.StructuredDataId = "shop@12345");

        Assert.Contains(" [shop@12345 UserId=\"42\" Note=\"a \\\"quoted\\\" \\\\ \\] é\" Bad_Name___=\"v\" Request=\"7\"] hello", text, StringComparison.Ordinal);
    }

    // A raw control character in a value: rsyslog drops a line feed there, and an escape sequence would reach whoever
    // reads the value on a terminal. Each is written as its visible escape, whose backslash the PARAM-VALUE escapes in
    // turn, so the receiver's parsed value reads \x0A, \x00 and so on.
    [Fact]
    public void Render_ControlCharactersInValues_AreVisibleEscapes()
    {
        var record = Record(properties: [new("P", "x\ny\0z\t\u0085\u001B[31m")]);

        var text = Format(record, o => o.StructuredDataId = "shop@12345");

        Assert.Contains(" [shop@12345 P=\"x\\\\x0Ay\\\\x00z\\\\x09\\\\u0085\\\\x1B[31m\"] hello", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Bom_WrittenBeforeMsg()
    {
        Assert.EndsWith("- - \uFEFFhello", Format(Record(), o => o.Bom = true), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyMessage_NoTrailingSpace()
    {
        Assert.EndsWith(" 4242 - -", Format(Record(message: string.Empty), o => o.Bom = true), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MultiLineException_KeepsItsLinesInMsg()
    {
        var record = new LogRecord(Render.Time, LogLevel.Error, "c", "failed") { Exception = new InvalidOperationException("boom") };
        var text = Format(record, o => o.Format = "{message}{exception}");
        Assert.EndsWith("failed\nSystem.InvalidOperationException: boom", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Serialize_MsgIsOneJsonObject()
    {
        var text = Format(Record(), o => o.Serialize = true);
        var json = text[(text.IndexOf(" - - ", StringComparison.Ordinal) + 5)..];
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("hello", document.RootElement.GetProperty("message").GetString());
    }

    // The sink says a cut on stderr when Render returns more than it wrote: a JSON MSG whose long texts were cut inside
    // the document (which then fits) is a cut too, for both message formats.
    [Theory]
    [InlineData(SyslogProtocol.Udp)]
    [InlineData(SyslogProtocol.Local)]
    public void Render_SerializedMessageCutInside_ReturnsTheLengthBeforeTheCut(SyslogProtocol protocol)
    {
        var options = new SyslogSinkOptions { AppName = "shop", Protocol = protocol, Serialize = true, MaxMessageBytes = 400 };
        ISyslogFormatter formatter = protocol == SyslogProtocol.Local
            ? new Rfc3164Formatter(options, LevelTable.Default)
            : new Rfc5424Formatter(options, LevelTable.Default, "web-1");
        var buffer = new Utf8Buffer(256);

        var length = formatter.Render(Record(message: new string('x', 1_000)), buffer);

        Assert.InRange(buffer.WrittenCount, 1, 400);
        Assert.Contains("x…", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
        Assert.True(length > 1_000, $"Render returned {length} for a message of over 1,000 bytes cut to {buffer.WrittenCount}");
    }

    [Fact]
    public void Render_OverTheLimitInMsg_CutOnACharacterBoundary()
    {
        var text = Format(Record(message: new string('\u00e9', 100)), o => o.MaxMessageBytes = 100);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= 100);
        Assert.True(Encoding.UTF8.GetByteCount(text) >= 99);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void Render_CutWouldFallInStructuredData_StructuredDataLeftOut()
    {
        var text = Format(Record(properties: [new("Big", new string('x', 200))]), o => o.MaxMessageBytes = 100);
        Assert.Equal("<14>1 2026-11-24T09:10:00.123000+01:00 web-1 shop 4242 - - hello", text);
    }

    [Fact]
    public void Render_Local_IsTheRfc3164Layout()
    {
        var record = new LogRecord(new DateTimeOffset(2026, 11, 3, 9, 5, 7, TimeSpan.Zero), LogLevel.Warning, "c", "hi") { ProcessId = 99 };
        Assert.Equal("<12>Nov  3 09:05:07 shop[99]: hi", Format(record, o => o.Protocol = SyslogProtocol.Local));
    }

    [Fact]
    public void Batch_OctetCounting_PrefixesTheByteLength()
    {
        var batch = new SyslogBatch(SyslogFraming.OctetCounting);
        batch.Add("h\u00e9"u8, isReport: false);
        batch.Add("x"u8, isReport: false);
        Assert.Equal("3 h\u00e9\u0031 x", Encoding.UTF8.GetString(batch.Bytes));
        Assert.Equal(2, batch.Count);
    }

    [Fact]
    public void Batch_LineFeed_EscapesLineBreaksInsideAndEndsEachWithOne()
    {
        var batch = new SyslogBatch(SyslogFraming.LineFeed);
        batch.Add("a\nb\r\nc"u8, isReport: false);
        Assert.Equal("a\\nb\\r\\nc\n", Encoding.UTF8.GetString(batch.Bytes));
    }

    [Fact]
    public void Batch_Datagrams_KeepsEachMessageApart_AndKnowsTheSinksReportsFromRecords()
    {
        var batch = new SyslogBatch(framing: null);
        batch.Add("one"u8, isReport: false);
        batch.Add("two"u8, isReport: false);
        batch.Add("dropped 3"u8, isReport: true);
        Assert.Equal("two", Encoding.UTF8.GetString(batch.Message(1)));
        Assert.Equal((3, 2, false, true), (batch.Count, batch.Records, batch.IsReport(1), batch.IsReport(2)));
    }
}
