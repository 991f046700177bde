using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// Buffered records (<c>IBufferedLogger.LogRecords</c>) as any producer may give them, beside Microsoft's buffer, which
/// the Hosting tests run for real (Telemetry/BufferedLoggerTests).
/// </summary>
public class BufferedCaptureTests
{
    private static readonly DateTimeOffset Logged = new(2026, 11, 30, 9, 10, 0, TimeSpan.Zero);

    [Fact]
    public void LogRecords_FieldsTheProducerSets_AreTheRecords_AndTheMessageIsRenderedFromTheTemplate()
    {
        var trace = ActivityTraceId.CreateRandom();
        var span = ActivitySpanId.CreateRandom();
        var record = Single(new Buffered(LogLevel.Warning, [new("OrderId", 7), new("{OriginalFormat}", "Order {OrderId}")])
        {
            Thread = 77,
            Trace = trace,
            Span = span,
            Template = "Order {OrderId}",
        });

        Assert.Equal(Logged, record.Timestamp);
        Assert.Equal(77, record.ThreadId);
        Assert.Equal(trace.ToHexString(), record.TraceId);
        Assert.Equal(span.ToHexString(), record.SpanId);
        Assert.Equal("Order {OrderId}", record.Template);
        Assert.Equal("Order 7", record.Message);
        Assert.Equal(["OrderId=7"], record.Properties.Select(p => $"{p.Key}={p.Value}"));
        Assert.Null(record.Exception);
        Assert.Empty(record.Scopes);
    }

    [Theory]
    // Microsoft's buffer: an empty exception text when the record had none.
    [InlineData("", null, null, null, null, null)]
    [InlineData("refused", null, null, "System.Exception", "refused", null)]
    // The ExtendedLogger's stack tag begins with the type and the message (IncludeExceptionMessage) ...
    [InlineData("refused", "System.InvalidOperationException", "System.InvalidOperationException: refused\n   at A.B()\n   at C.D()", "System.InvalidOperationException", "refused", "   at A.B()\n   at C.D()")]
    // ... or with the type, the first frame on its line.
    [InlineData("refused", "System.InvalidOperationException", "System.InvalidOperationException: at A.B()\n   at C.D()", "System.InvalidOperationException", "refused", "   at A.B()\n   at C.D()")]
    public void LogRecords_Exception_IsRebuiltFromTheTextAndTheTags(string text, string? type, string? trace, string? expectedType, string? expectedMessage, string? expectedStack)
    {
        var tags = new List<KeyValuePair<string, object?>> { new("{OriginalFormat}", "failed") };
        if (type is not null)
        {
            tags.Add(new("exception.type", type));
            tags.Add(new("exception.stacktrace", trace));
        }

        var record = Single(new Buffered(LogLevel.Error, tags) { ExceptionText = text });

        Assert.Equal(expectedType, (record.Exception as LoggedException)?.TypeName);
        Assert.Equal(expectedMessage, record.Exception?.Message);
        Assert.Equal(expectedStack, record.Exception?.StackTrace);
        Assert.Empty(record.Properties);
    }

    [Fact]
    public void LogRecords_BelowTheSinksLevel_OrBroken_AreSkipped_AndTheRestWritten_NeverThrowing()
    {
        var written = new ConcurrentQueue<LogRecord>();
        using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("kept", written.Enqueue) { Level = LogLevel.Information } } },
            new FakeTimeProvider(Logged));
        var logger = (IBufferedLogger)provider.CreateLogger("Tests.Buffered");

        logger.LogRecords([
            new Buffered(LogLevel.Debug, [new("{OriginalFormat}", "debug")]),
            new Buffered(LogLevel.Information, null!) { Message = "broken" },
            new Buffered(LogLevel.Information, [new("{OriginalFormat}", "kept")]),
        ]);

        Assert.Equal(["kept"], written.Select(r => r.Message));
    }

    [Fact]
    public void LogRecords_AreFilteredByTheSinksCategoryFilter_AndPatched_AsLiveRecordsAre()
    {
        var written = new ConcurrentQueue<LogRecord>();
        var sink = new DelegateSinkOptions("kept", record => written.Enqueue(record)) { Filter = { ["Noisy"] = LogLevel.Warning } };
        var options = new LoguStyleLoggerOptions { Sinks = { sink }, Patches = { record => record.SetProperty("Region", "eu") } };
        using var provider = new LoguStyleLoggerProvider(options, new FakeTimeProvider(Logged));

        ((IBufferedLogger)provider.CreateLogger("Noisy.Cache")).LogRecords([new Buffered(LogLevel.Information, [new("{OriginalFormat}", "filtered")])]);
        ((IBufferedLogger)provider.CreateLogger("Tests.Buffered")).LogRecords([new Buffered(LogLevel.Information, [new("{OriginalFormat}", "kept")])]);

        var record = Assert.Single(written);
        Assert.Equal("kept", record.Message);
        Assert.Equal(["Region=eu"], record.Properties.Select(p => $"{p.Key}={p.Value}"));
    }

    private static LogRecord Single(BufferedLogRecord buffered)
    {
        var written = new ConcurrentQueue<LogRecord>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("kept", written.Enqueue) } }, new FakeTimeProvider(Logged.AddHours(1)));
        ((IBufferedLogger)provider.CreateLogger("Tests.Buffered")).LogRecords([buffered]);
        return Assert.Single(written);
    }

    /// <summary>A buffered record as a producer other than Microsoft's buffer may give it, with the fields it may set.</summary>
    private sealed class Buffered(LogLevel level, IReadOnlyList<KeyValuePair<string, object?>> attributes) : BufferedLogRecord
    {
        public override DateTimeOffset Timestamp => Logged;

        public override LogLevel LogLevel => level;

        public override EventId EventId => new(5, "Five");

        public override IReadOnlyList<KeyValuePair<string, object?>> Attributes =>
            attributes ?? throw new InvalidOperationException("the producer cannot give this record's attributes");

        public override string? Exception => ExceptionText;

        public override int? ManagedThreadId => Thread;

        public override ActivityTraceId? ActivityTraceId => Trace;

        public override ActivitySpanId? ActivitySpanId => Span;

        public override string? MessageTemplate => Template;

        public override string? FormattedMessage => Message;

        public string? ExceptionText { get; init; }

        public int? Thread { get; init; }

        public ActivityTraceId? Trace { get; init; }

        public ActivitySpanId? Span { get; init; }

        public string? Template { get; init; }

        public string? Message { get; init; }
    }
}
