using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LoguStyle.Pipeline;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// <c>CallerInfo: StackTrace</c> through the public API, on every sink kind at once (console and text file, each direct
/// and enqueued; a JSON file, direct and enqueued; a delegate), beside a text file and a delegate sink without the key.
/// </summary>
public sealed class CallerInfoTests : IDisposable
{
    private const string End = "\u001e";
    private const string TextFormat = "{level:u3} {message} | {function}:{file}:{line}" + End;
    private static readonly string[] TextKinds = ["console", "console-queued", "text", "text-queued"];

    private readonly TempFolder _folder = new();
    private readonly MemoryConsole _console = new();
    private readonly MemoryConsole _queuedConsole = new();
    private readonly ConcurrentQueue<LogRecord> _records = new();
    private readonly ConcurrentQueue<LogRecord> _plainRecords = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PlainMelCall_EverySinkWithStackTrace_NamesThisMethodItsFileAndLine_SinksWithoutTheKeyShowNone()
    {
        int line;
        string path;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            provider.CreateLogger("Plain").LogInformation("User {UserId}", 7); line = Here(out path);
        }

        var function = nameof(PlainMelCall_EverySinkWithStackTrace_NamesThisMethodItsFileAndLine_SinksWithoutTheKeyShowNone);
        foreach (var kind in TextKinds)
        {
            Assert.Equal([$"INF User 7 | {function}:CallerInfoTests.cs:{line}"], TextRecords(kind));
        }

        foreach (var queued in new[] { false, true })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(JsonPath(queued)));
            Assert.Equal(function, json.RootElement.GetProperty("function").GetString());
            Assert.Equal(path, json.RootElement.GetProperty("file").GetString());
            Assert.Equal(line, json.RootElement.GetProperty("line").GetInt32());
        }

        var kept = Assert.Single(_records);
        Assert.Equal((function, path, line), (kept.CallerFunction, kept.CallerFilePath, kept.CallerLine));

        // The sinks without the key, fed the same call: no caller.
        Assert.Equal(["INF User 7 | ::"], TextRecords("plain"));
        var plain = Assert.Single(_plainRecords);
        Assert.Equal((null, null, 0), (plain.CallerFunction, plain.CallerFilePath, plain.CallerLine));
    }

    // Outside re-test of issue 20: in an async iterator's finally the function was right and the line 0. On x64 the
    // runtime gives a frame inside a finally block IL offset 0 (dotnet/runtime#44986); an async method keeps its
    // finally in MoveNext, whose IL offset 0 is the state machine's hidden dispatch: no file, no line. Both are
    // unknown, as every unknown caller field: the token writes nothing and JSON leaves the field out (docs/api.md).
    [Fact]
    public async Task PlainMelCall_InAnAsyncIteratorsFinally_RunToTheEndOrLeftEarly_FunctionKnown_FileAndLineUnknownInEverySink()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Iterator");
            await foreach (var item in GuardedAsync(logger))
            {
                Assert.True(item > 0);
            }

            await foreach (var item in GuardedAsync(logger))
            {
                break;
            }
        }

        AssertFinallyRecords(nameof(GuardedAsync), file: null);
    }

    // The same runtime limit in a plain method's finally gave the line of the method's opening brace, a wrong line:
    // in a build without optimizations a method body starts with a nop there, and no call is ever at it, so a frame
    // at IL offset 0 in front of a nop has its line unknown (its file is right). An optimized build has no such nop,
    // and its frames at IL offset 0 show the first statement's line (docs/api.md says so).
    [Fact]
    public void PlainMelCall_InAMethodsFinally_LineUnknownNotTheOpeningBraces_FileKnown()
    {
        string path;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Finally");
            Guarded(logger);
            Guarded(logger);
            Here(out path);
        }

        AssertFinallyRecords(nameof(Guarded), path);
    }

    [Fact]
    public async Task PlainMelCall_FromALambdaAndAnAsyncMethod_NamesTheMethodTheyAreWrittenIn()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Nested");
            Action log = () => logger.LogInformation("lambda");
            log();
            await LogAfterAwaitAsync(logger);
        }

        Assert.Equal(
            [nameof(PlainMelCall_FromALambdaAndAnAsyncMethod_NamesTheMethodTheyAreWrittenIn), nameof(LogAfterAwaitAsync)],
            _records.Select(r => r.CallerFunction));
    }

    [Fact]
    public void LoguruStyleCall_WithStackTrace_KeepsTheCallerTheCompilerGave_OnEverySink()
    {
        var n = 1;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            provider.CreateLogger("Loguru").Info($"call {n}", function: "Given", file: "/src/Given.cs", line: 4242);
        }

        foreach (var kind in TextKinds.Append("plain"))
        {
            Assert.Equal(["INF call 1 | Given:Given.cs:4242"], TextRecords(kind));
        }

        foreach (var record in _records.Concat(_plainRecords))
        {
            Assert.Equal(("Given", "/src/Given.cs", 4242, false), (record.CallerFunction, record.CallerFilePath, record.CallerLine, record.CallerFromStack));
        }
    }

    [Fact]
    public void NoSinkAsks_PlainCallsWalkNoStack_ASinkThatAsks_WalksOncePerRecordItMayWrite()
    {
        var walks = StackCaller.WalksOnThisThread;
        using (var provider = new LoguStyleLoggerProvider(Options(callerInfo: CallerInfo.None)))
        {
            var logger = provider.CreateLogger("Free");
            for (var i = 0; i < 10; i++)
            {
                logger.LogInformation("free {I}", i);
            }
        }

        Assert.Equal(walks, StackCaller.WalksOnThisThread);
        Assert.All(_records, record => Assert.Null(record.CallerFunction));
        Assert.Equal(["INF free 0 | ::"], TextRecords("text").Take(1));

        // Seven sinks ask, from Warning: an Information record walks none, a Warning record one, however many sinks.
        using (var provider = new LoguStyleLoggerProvider(Options(callerInfo: CallerInfo.StackTrace, level: LogLevel.Warning)))
        {
            var logger = provider.CreateLogger("Costly");
            logger.LogInformation("below");
            Assert.Equal(walks, StackCaller.WalksOnThisThread);
            logger.LogWarning("one");
            logger.LogError("two");
            var n = 3;
            logger.Warn($"loguru {n}");
        }

        Assert.Equal(walks + 2, StackCaller.WalksOnThisThread);
    }

    [Fact]
    public void PlainMelCall_APatchOfASinkWithoutTheKey_SeesNoCaller_WhateverTheSinkKind_ThePatchOfOneWithTheKeySeesIt()
    {
        var seen = new ConcurrentDictionary<string, string>();
        Action<LogRecord> Patch(string sink) => record => seen[sink] = record.CallerFunction ?? "none";
        var options = new LoguStyleLoggerOptions();
        foreach (var asks in new[] { false, true })
        {
            var suffix = asks ? "-asks" : "-not";
            SinkOptions[] sinks =
            [
                new FileSinkOptions(_folder.File($"json{suffix}.json")) { Serialize = true },
                new FileSinkOptions(_folder.File($"text{suffix}.log")) { Format = TextFormat },
                new DelegateSinkOptions("delegate" + suffix, _ => { }),
            ];
            foreach (var sink in sinks)
            {
                sink.CallerInfo = asks ? CallerInfo.StackTrace : CallerInfo.None;
                sink.Patch = Patch(sink.Name + suffix);
                options.Sinks.Add(sink);
            }
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("Patched").LogInformation("User {UserId}", 7);
        }

        // A sink's enricher is user code reading the record, as a delegate sink is: without the key it sees no caller.
        const string function = nameof(PlainMelCall_APatchOfASinkWithoutTheKey_SeesNoCaller_WhateverTheSinkKind_ThePatchOfOneWithTheKeySeesIt);
        Assert.Equal(6, seen.Count);
        Assert.All(seen, pair => Assert.Equal(pair.Key.EndsWith("-asks", StringComparison.Ordinal) ? function : "none", pair.Value));
    }

    [Fact]
    public void Start_CallerInfoNotAValue_FailsNamingTheKeyAndTheAcceptedValues()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("odd", _ => { }) { CallerInfo = (CallerInfo)7 } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options));

        Assert.Contains("Sink 'odd': CallerInfo 7 is not a caller source; accepted: None, StackTrace.", error.Message, StringComparison.Ordinal);
    }

    private static async Task LogAfterAwaitAsync(ILogger logger)
    {
        await Task.Yield();
        logger.LogInformation("async");
    }

    private static async IAsyncEnumerable<int> GuardedAsync(ILogger logger)
    {
        try
        {
            await Task.Yield();
            yield return 1;
            yield return 2;
        }
        finally
        {
            logger.LogInformation("finally");
        }
    }

    private static void Guarded(ILogger logger)
    {
        try
        {
            logger.LogDebug("try");
        }
        finally
        {
            logger.LogInformation("finally");
        }
    }

    // The two "finally" records of a test: named by the function on every sink, with the file given or unknown, and
    // with no line (text writes nothing, JSON leaves "line" out, the record's CallerLine is 0).
    private void AssertFinallyRecords(string function, string? file)
    {
        var fileName = file is null ? "" : Path.GetFileName(file);
        foreach (var kind in TextKinds)
        {
            Assert.Equal([.. Enumerable.Repeat($"INF finally | {function}:{fileName}:", 2)], TextRecords(kind).Where(r => r.StartsWith("INF", StringComparison.Ordinal)));
        }

        foreach (var queued in new[] { false, true })
        {
            var records = File.ReadAllLines(JsonPath(queued)).Where(r => r.Contains("\"finally\"", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, records.Length);
            foreach (var record in records)
            {
                using var json = JsonDocument.Parse(record);
                Assert.Equal(function, json.RootElement.GetProperty("function").GetString());
                Assert.False(json.RootElement.TryGetProperty("line", out _), record);
                Assert.Equal(file, json.RootElement.TryGetProperty("file", out var written) ? written.GetString() : null);
            }
        }

        Assert.Equal([(function, file, 0), (function, file, 0)], _records.Where(r => r.Message == "finally").Select(r => (r.CallerFunction, r.CallerFilePath, r.CallerLine)));
    }

    private static int Here(out string path, [CallerLineNumber] int line = 0, [CallerFilePath] string file = "")
    {
        path = file;
        return line;
    }

    private LoguStyleLoggerOptions Options(CallerInfo callerInfo = CallerInfo.StackTrace, LogLevel level = LogLevel.Trace)
    {
        SinkOptions[] asking =
        [
            _console.Sink("console", TextFormat, colorize: ColorMode.Never),
            Queued(_queuedConsole.Sink("console-queued", TextFormat, colorize: ColorMode.Never)),
            new FileSinkOptions(_folder.File("text.log")) { Format = TextFormat },
            Queued(new FileSinkOptions(_folder.File("text-queued.log")) { Format = TextFormat }),
            new FileSinkOptions(JsonPath(queued: false)) { Serialize = true },
            Queued(new FileSinkOptions(JsonPath(queued: true)) { Serialize = true }),
            new DelegateSinkOptions("delegate", _records.Enqueue),
        ];
        var options = new LoguStyleLoggerOptions();
        foreach (var sink in asking)
        {
            sink.CallerInfo = callerInfo;
            sink.Level = level;
            options.Sinks.Add(sink);
        }

        options.Sinks.Add(new FileSinkOptions(_folder.File("plain.log")) { Format = TextFormat, Level = level });
        options.Sinks.Add(new DelegateSinkOptions("plain-delegate", _plainRecords.Enqueue) { Level = level });
        return options;
    }

    private static SinkOptions Queued(SinkOptions options)
    {
        options.Enqueue = true;
        return options;
    }

    private string JsonPath(bool queued) => _folder.File(queued ? "queued.json" : "direct.json");

    private string[] TextRecords(string kind)
    {
        var text = kind switch
        {
            "console" => _console.Text,
            "console-queued" => _queuedConsole.Text,
            _ => File.ReadAllText(_folder.File(kind + ".log")),
        };
        var records = text.Split(End + Environment.NewLine);
        Assert.Equal(string.Empty, records[^1]);
        return records[..^1];
    }
}
