using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// <c>logger.Info($"...")</c> and the other Loguru-style levels, through the public API into every sink kind at once
/// (console and text file, each direct and enqueued; a JSON file in every JsonFormat; a delegate), and beside another
/// MEL provider.
/// </summary>
public sealed class InterpolatedLoggingTests : IDisposable
{
    private const string End = "\u001e";
    private const string TextFormat = "{level:u3} {message} | {extra[userId]} {extra[count]} {extra[price]} {extra[name]} | {function}:{file}:{line} | {file:path}" + End;
    private static readonly JsonFormat[] JsonFormats = [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];
    private static readonly string[] TextKinds = ["console", "console-queued", "text", "text-queued"];

    private readonly TempFolder _folder = new();
    private readonly MemoryConsole _console = new();
    private readonly MemoryConsole _queuedConsole = new();
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private int _evaluated;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Info_EverySinkKind_WritesTheMessageTheTemplateTypedPropertiesAndTheCaller()
    {
        var user = new User(42);
        var count = 3;
        var price = 9.5m;
        var name = "acme";
        int line;
        string path;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Shop");
            logger.Info($"User {user.Id} bought {count} items at {price:F2} for {name,6}!"); line = Here(out path);
        }

        const string Message = "User 42 bought 3 items at 9.50 for   acme!";
        const string Template = "User {userId} bought {count} items at {price:F2} for {name,6}!";
        var function = nameof(Info_EverySinkKind_WritesTheMessageTheTemplateTypedPropertiesAndTheCaller);
        foreach (var kind in TextKinds)
        {
            Assert.Equal([$"INF {Message} | 42 3 9.5 acme | {function}:InterpolatedLoggingTests.cs:{line} | {path}"], TextRecords(kind));
        }

        using (var json = JsonDocument.Parse(File.ReadAllText(JsonPath(JsonFormat.LoguStyle, queued: false))))
        {
            var root = json.RootElement;
            Assert.Equal(Message, root.GetProperty("message").GetString());
            Assert.Equal(Template, root.GetProperty("template").GetString());
            var props = root.GetProperty("props");
            Assert.Equal(["userId", "count", "price", "name"], props.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, props.GetProperty("userId").ValueKind);
            Assert.Equal(42, props.GetProperty("userId").GetInt32());
            Assert.Equal(9.5m, props.GetProperty("price").GetDecimal());
            Assert.Equal("acme", props.GetProperty("name").GetString());
            Assert.Equal(function, root.GetProperty("function").GetString());
            Assert.Equal(path, root.GetProperty("file").GetString());
            Assert.Equal(line, root.GetProperty("line").GetInt32());
        }

        foreach (var (format, queued) in JsonFormats.Select(f => (f, false)).Append((JsonFormat.LoguStyle, true)))
        {
            var record = Assert.Single(LogFile.Read(JsonPath(format, queued)));
            Assert.Equal(Message, record.Message);
            Assert.Equal(Template, record.Template);
            Assert.Equal(3L, record.Properties.Single(p => p.Key == "count").Value);
            Assert.Equal("acme", record.Properties.Single(p => p.Key == "name").Value);
            if (format == JsonFormat.Clef)
            {
                // CLEF defines no caller fields (docs/json.md).
                Assert.Null(record.CallerFunction);
                continue;
            }

            Assert.Equal(function, record.CallerFunction);
            Assert.Equal(format == JsonFormat.Ecs ? "InterpolatedLoggingTests.cs" : path, record.CallerFilePath);
            Assert.Equal(line, record.CallerLine);
        }

        var kept = Assert.Single(_records);
        Assert.Equal(Message, kept.Message);
        Assert.Equal(Template, kept.Template);
        Assert.Equal([new("userId", 42), new("count", 3), new("price", 9.5m), new("name", "acme")], kept.Properties);
        Assert.IsType<int>(kept.Properties[0].Value);
        Assert.IsType<decimal>(kept.Properties[2].Value);
        Assert.Equal((function, path, line), (kept.CallerFunction, kept.CallerFilePath, kept.CallerLine));
    }

    [Fact]
    public void EveryLevel_WithExceptionAndEventId_WritesThemThroughEverySink()
    {
        var error = new InvalidOperationException("boom");
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Levels");
            var n = 1;
            logger.Trace($"t{n}");
            logger.Debug(new EventId(2, "Two"), $"d{n}");
            logger.Info(error, $"i{n}");
            logger.Warn(4, error, $"w{n}");
            logger.Error(error, $"e{n}");
            logger.Critical(new EventId(6, "Six"), $"c{n}");
        }

        Assert.Equal(
            [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical],
            _records.Select(r => r.Level));
        Assert.Equal(["t1", "d1", "i1", "w1", "e1", "c1"], _records.Select(r => r.Message));
        Assert.Equal([0, 2, 0, 4, 0, 6], _records.Select(r => r.EventId.Id));
        Assert.Equal([null, "Two", null, null, null, "Six"], _records.Select(r => r.EventId.Name));
        Assert.Equal([null, null, error, error, error, null], _records.Select(r => r.Exception));
        foreach (var format in JsonFormats)
        {
            var read = LogFile.Read(JsonPath(format, queued: false)).ToList();
            Assert.Equal(["t1", "d1", "i1", "w1", "e1", "c1"], read.Select(r => r.Message));
            Assert.Equal([0, 2, 0, 4, 0, 6], read.Select(r => r.EventId.Id));
            Assert.Equal([false, false, true, true, true, false], read.Select(r => r.Exception is not null));
        }

        foreach (var kind in TextKinds)
        {
            // The template has no {exception}, so each exception follows its record's line.
            var text = RawText(kind);
            Assert.Equal(6, text.Split(End).Length - 1);
            Assert.Equal(3, text.Split("System.InvalidOperationException: boom").Length - 1);
        }
    }

    [Fact]
    public void DisabledLevel_EvaluatesNoHole_LogsNothing()
    {
        using (var provider = new LoguStyleLoggerProvider(Options(LogLevel.Warning)))
        {
            var logger = provider.CreateLogger("Quiet");
            logger.Trace($"{Next()}");
            logger.Debug($"{Next()}");
            logger.Info($"a {Next()} b {Next()}");
            logger.Info(new InvalidOperationException(), $"{Next()}");
            Assert.Equal(0, _evaluated);
            logger.Warn($"{Next()}");
            Assert.Equal(1, _evaluated);
        }

        Assert.Equal(["1"], _records.Select(r => r.Message));
        foreach (var kind in TextKinds)
        {
            Assert.Single(TextRecords(kind));
        }
    }

    [Fact]
    public void AnotherMelProvider_SeesTheSameMessageAndTheStateOfATemplate()
    {
        var capturing = new CapturingLoggerProvider();
        var count = 3;
        var price = 1.5m;
        using (var factory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("records", _records.Enqueue) } }))
            .AddProvider(capturing)))
        {
            factory.CreateLogger("Both").Info($"{count} at {price:F2} {{literal}}");
        }

        var call = Assert.Single(capturing.Calls);
        var record = Assert.Single(_records);
        Assert.Equal("3 at 1.50 {literal}", call.Message);
        Assert.Equal(call.Message, record.Message);
        Assert.Equal(
            [new("count", 3), new("price", 1.5m), new("{OriginalFormat}", "{count} at {price:F2} {{literal}}")],
            call.State);
        Assert.Equal(LogLevel.Information, call.Level);
        Assert.Equal(call.State[..^1], record.Properties);
    }

    [Fact]
    public void AProviderThatKeepsTheStateObject_FindsItReusedByTheThreadsNextCall()
    {
        var capturing = new CapturingLoggerProvider();
        var first = 1;
        var second = 2;
        using (var factory = LoggerFactory.Create(builder => builder.AddProvider(capturing)))
        {
            var logger = factory.CreateLogger("Keep");
            logger.Info($"call {first}");
            logger.Info($"call {second}");
        }

        // The state is the thread's one object, reused by its next call: what a provider keeps it must copy in the call.
        var states = capturing.States.ToArray();
        Assert.Same(states[0], states[1]);
        var list = Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(states[0]);
        Assert.Equal([new("first", 1), new("{OriginalFormat}", "call {first}")], capturing.Calls.First().State);
        Assert.NotEqual(capturing.Calls.First().State, Enumerable.Range(0, list.Count).Select(i => list[i]));
    }

    [Fact]
    public void NoFormat_ARecordWithACaller_UsesLogurusLayoutWithTheCaller_APlainMelCallTheDefault()
    {
        var console = new MemoryConsole();
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { console.Sink(colorize: ColorMode.Never) } }))
        {
            var logger = provider.CreateLogger("App.Worker");
            logger.Info($"with caller"); var line = Here(out _);
            logger.LogInformation("plain");
            Assert.Matches(
                $@"^\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{{3}} \| INFO     \| App\.Worker:{nameof(NoFormat_ARecordWithACaller_UsesLogurusLayoutWithTheCaller_APlainMelCallTheDefault)}:{line} - with caller$",
                console.Lines[0]);
        }

        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \| INFO     \| App\.Worker - plain$", console.Lines[1]);
    }

    [Fact]
    public void PlainMelCall_CallerTokensRenderEmpty_JsonHasNoCallerFields()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            provider.CreateLogger("Plain").LogInformation("User {UserId}", 7);
        }

        Assert.Equal(["INF User 7 |     | :: | "], TextRecords("text"));
        using var json = JsonDocument.Parse(File.ReadAllText(JsonPath(JsonFormat.LoguStyle, queued: false)));
        Assert.False(json.RootElement.TryGetProperty("function", out _));
        Assert.Null(Assert.Single(_records).CallerFunction);
    }

    [Fact]
    public void ExplicitlyEmptyCallerArguments_AreUnknown_TextWritesNothing_JsonLeavesTheFieldsOut()
    {
        int line;
        string path;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Empty");
            logger.Info($"no function", function: ""); line = Here(out path);
            logger.Info($"no caller", function: "", file: "", line: 0);
        }

        foreach (var kind in TextKinds)
        {
            Assert.Equal([$"INF no function |     | :InterpolatedLoggingTests.cs:{line} | {path}", "INF no caller |     | :: | "], TextRecords(kind));
        }

        foreach (var (format, queued) in JsonFormats.Where(f => f != JsonFormat.Clef).Select(f => (f, false)).Append((JsonFormat.LoguStyle, true)))
        {
            var records = LogFile.Read(JsonPath(format, queued)).ToList();
            Assert.Equal((format, 2), (format, records.Count));
            Assert.Equal((format, (string?)null, line, (string?)null, 0), (format, records[0].CallerFunction, records[0].CallerLine, records[1].CallerFunction, records[1].CallerLine));
            Assert.Null(records[1].CallerFilePath);
        }

        using var json = JsonDocument.Parse(File.ReadAllLines(JsonPath(JsonFormat.LoguStyle, queued: false))[0]);
        Assert.False(json.RootElement.TryGetProperty("function", out _));
    }

    [Fact]
    public void NegativeLineAndNullFunction_AreUnknownInEverySink_AsAnEmptyFunctionAndLineZero()
    {
        var plain = new ConcurrentQueue<LogRecord>();
        var walking = new ConcurrentQueue<LogRecord>();
        var options = new LoguStyleLoggerOptions();
        options.Sinks.Add(new DelegateSinkOptions("plain", plain.Enqueue));
        options.Sinks.Add(new DelegateSinkOptions("walking", walking.Enqueue) { CallerInfo = CallerInfo.StackTrace });
        int line;
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("Odd");
            logger.Info($"negative line", line: -7);
            logger.Info($"null function", function: null!); line = Here(out _);
        }

        foreach (var records in new[] { plain, walking })
        {
            Assert.Equal(
                [("negative line", nameof(NegativeLineAndNullFunction_AreUnknownInEverySink_AsAnEmptyFunctionAndLineZero), 0), ("null function", "", line)],
                records.Select(r => (r.Message, r.CallerFunction, r.CallerLine)));
        }
    }

    [Fact]
    public void ValueThatLogsWhileFormatted_GetsItsOwnRecord_BothAreWhole()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Nested");
            var inner = new LoggingValue(logger);
            logger.Info($"outer {inner} {42}");
        }

        // The inner call runs whenever the value is formatted (for the message, and again by each JSON sink that writes
        // it as a property), during the outer call: every record is whole, and the outer one is written once.
        var messages = _records.Select(r => r.Message).ToList();
        Assert.Single(messages, m => m == "outer value 42");
        Assert.All(messages, m => Assert.True(m is "outer value 42" or "inner 7", m));
        Assert.True(messages.Count >= 2);
    }

    [Fact]
    public void ValueWhoseToStringThrows_EverySinkWritesOneRecordWithAMarker()
    {
        var bad = new Throwing();
        var two = 2;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            provider.CreateLogger("Bad").Info($"value {bad} then {two}");
        }

        const string Message = "value <Throwing.ToString() threw InvalidOperationException> then 2";
        Assert.Equal(Message, Assert.Single(_records).Message);
        foreach (var kind in TextKinds)
        {
            Assert.StartsWith("INF " + Message + " |", Assert.Single(TextRecords(kind)), StringComparison.Ordinal);
        }

        foreach (var format in JsonFormats)
        {
            Assert.Equal(Message, Assert.Single(LogFile.Read(JsonPath(format, queued: false))).Message);
        }
    }

    [Fact]
    public void ManyCalls_EnqueuedSinks_EachRecordKeepsItsOwnValues()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Many");
            for (var i = 0; i < 2_000; i++)
            {
                var text = "n" + i;
                logger.Info($"{i} {text}");
            }
        }

        var expected = Enumerable.Range(0, 2_000).Select(i => $"{i} n{i}").ToArray();
        Assert.Equal(expected, TextRecords("text-queued").Select(r => r.Split(" | ")[0][4..]));
        Assert.Equal(expected, LogFile.Read(JsonPath(JsonFormat.LoguStyle, queued: true)).Select(r => r.Message));
    }

    [Fact]
    public void CallerTokens_Formats_AreCheckedWhenTheSinkIsBuilt()
    {
        Assert.Contains("accepted: path", Assert.Throws<FormatTemplateException>(() => FormatTemplate.Validate("{file:name}")).Message, StringComparison.Ordinal);
        Assert.Contains("takes no format", Assert.Throws<FormatTemplateException>(() => FormatTemplate.Validate("{function:x}")).Message, StringComparison.Ordinal);
        FormatTemplate.Validate("{function,-20} {file,10} {file:path} {line:D5}");
        FormatTemplate.Validate(FormatTemplate.WithCaller);
    }

    private static int Here(out string path, [CallerLineNumber] int line = 0, [CallerFilePath] string file = "")
    {
        path = file;
        return line;
    }

    private int Next() => Interlocked.Increment(ref _evaluated);

    private LoguStyleLoggerOptions Options(LogLevel level = LogLevel.Trace)
    {
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                _console.Sink("console", TextFormat, colorize: ColorMode.Never),
                Queued(_queuedConsole.Sink("console-queued", TextFormat, colorize: ColorMode.Never)),
                new FileSinkOptions(_folder.File("text.log")) { Format = TextFormat },
                Queued(new FileSinkOptions(_folder.File("text-queued.log")) { Format = TextFormat }),
                Queued(new FileSinkOptions(JsonPath(JsonFormat.LoguStyle, queued: true)) { Serialize = true }),
                new DelegateSinkOptions("delegate", _records.Enqueue),
            },
        };
        foreach (var format in JsonFormats)
        {
            options.Sinks.Add(new FileSinkOptions(JsonPath(format, queued: false)) { Serialize = true, JsonFormat = format });
        }

        foreach (var sink in options.Sinks)
        {
            sink.Level = level;
        }

        return options;
    }

    private static SinkOptions Queued(SinkOptions options)
    {
        options.Enqueue = true;
        return options;
    }

    private string JsonPath(JsonFormat format, bool queued) => _folder.File($"{format}{(queued ? "-queued" : string.Empty)}.json");

    private string RawText(string kind) => kind switch
    {
        "console" => _console.Text,
        "console-queued" => _queuedConsole.Text,
        _ => File.ReadAllText(_folder.File(kind + ".log")),
    };

    private string[] TextRecords(string kind)
    {
        var text = RawText(kind);
        var records = text.Split(End + Environment.NewLine);
        Assert.Equal(string.Empty, records[^1]);
        return records[..^1];
    }

    private sealed record User(int Id);

    private sealed class Throwing
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }

    private sealed class LoggingValue(ILogger logger)
    {
        public override string ToString()
        {
            var seven = 7;
            logger.Info($"inner {seven}");
            return "value";
        }
    }
}
