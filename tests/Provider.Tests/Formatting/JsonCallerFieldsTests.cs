using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// The caller fields of every JSON format, byte for byte and in their place in the line: a Loguru-style call, a plain
/// MEL call with and without <c>CallerInfo: StackTrace</c>, a call in a lambda and a local function, a frame without
/// file or line, and paths with quotes, backslashes and non-ASCII. CLEF has none. A line's caller part is read as
/// <c>field before|caller fields as written|field after</c>.
/// </summary>
public sealed class JsonCallerFieldsTests : IDisposable
{
    private static readonly JsonFormat[] Formats = [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];

    private static readonly string[] CallerNames =
        ["function", "file", "line", "log.origin.function", "log.origin.file.name", "log.origin.file.line", "code.function.name", "code.file.path", "code.line.number"];

    // The writer's own encoder: quotes, backslashes and control characters escaped, non-ASCII kept.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoguruStyleCall_EveryFormat_WithAndWithoutStackTrace_WritesTheCallerTheCompilerGave()
    {
        var n = 7;
        int line;
        string path;
        using (var provider = Provider())
        {
            provider.CreateLogger("Caller").Info($"saved {n}"); line = Here(out path);
        }

        foreach (var (format, asks) in Sinks())
        {
            Assert.Equal(Expected(format, nameof(LoguruStyleCall_EveryFormat_WithAndWithoutStackTrace_WritesTheCallerTheCompilerGave), path, line), Caller(format, Single(format, asks)));
        }
    }

    [Fact]
    public void PlainMelCall_EveryFormat_OnlyTheSinksWithStackTrace_WriteTheCaller()
    {
        int line;
        string path;
        using (var provider = Provider())
        {
            provider.CreateLogger("Caller").LogInformation("User {UserId}", 7); line = Here(out path);
        }

        foreach (var (format, asks) in Sinks())
        {
            var expected = asks ? Expected(format, nameof(PlainMelCall_EveryFormat_OnlyTheSinksWithStackTrace_WriteTheCaller), path, line) : string.Empty;
            Assert.Equal(expected, Caller(format, Single(format, asks)));
        }
    }

    [Fact]
    public void CallsInALambdaAndALocalFunction_EveryFormat_NameTheMethodTheyAreWrittenIn()
    {
        var lines = new int[3];
        var path = string.Empty;
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("Caller");
            Action lambda = () =>
            {
                logger.LogInformation("lambda {N}", 1); lines[0] = Here(out path);
            };
            lambda();
            Local();
            LoguruLocal();

            void Local()
            {
                logger.LogInformation("local {N}", 2); lines[1] = Here(out _);
            }

            void LoguruLocal()
            {
                var n = 3;
                logger.Info($"loguru local {n}"); lines[2] = Here(out _);
            }
        }

        const string function = nameof(CallsInALambdaAndALocalFunction_EveryFormat_NameTheMethodTheyAreWrittenIn);
        foreach (var (format, asks) in Sinks())
        {
            Assert.Equal(
                [asks ? Expected(format, function, path, lines[0]) : string.Empty, asks ? Expected(format, function, path, lines[1]) : string.Empty, Expected(format, function, path, lines[2])],
                Lines(format, asks).Select(l => Caller(format, l)));
        }
    }

    [Fact]
    public void LoguruStyleCall_PathWithQuotesBackslashesAndNonAscii_EveryFormat_WritesItEscapedAsJson()
    {
        var n = 1;
        using (var provider = Provider())
        {
            provider.CreateLogger("Caller").Info($"odd {n}", function: "Sa\"ve", file: "C:\\src\\\"q\"\\Ωrders ✓.cs", line: 12);
        }

        foreach (var asks in new[] { false, true })
        {
            Assert.Equal("process|\"function\":\"Sa\\\"ve\",\"file\":\"C:\\\\src\\\\\\\"q\\\"\\\\Ωrders ✓.cs\",\"line\":12|", Caller(JsonFormat.LoguStyle, Single(JsonFormat.LoguStyle, asks)));
            Assert.Equal("process.thread.id|\"log.origin.function\":\"Sa\\\"ve\",\"log.origin.file.name\":\"Ωrders ✓.cs\",\"log.origin.file.line\":12|logustyle", Caller(JsonFormat.Ecs, Single(JsonFormat.Ecs, asks)));
            Assert.Equal(
                "logustyle.template|{\"key\":\"code.function.name\",\"value\":{\"stringValue\":\"Sa\\\"ve\"}},{\"key\":\"code.file.path\",\"value\":{\"stringValue\":\"C:\\\\src\\\\\\\"q\\\"\\\\Ωrders ✓.cs\"}},{\"key\":\"code.line.number\",\"value\":{\"intValue\":\"12\"}}|thread.id",
                Caller(JsonFormat.Otel, Single(JsonFormat.Otel, asks)));
            Assert.Equal(string.Empty, Caller(JsonFormat.Clef, Single(JsonFormat.Clef, asks)));
        }
    }

    [Theory]
    [InlineData("Save", null, 0)]
    [InlineData("Save", "", 0)]
    [InlineData("", "/src/Orders.cs", 12)]
    [InlineData(null, "/src/Orders.cs", 12)]
    [InlineData("Save", "/src/Orders.cs", 0)]
    [InlineData("Save", null, 12)]
    [InlineData("Save", "/src/Orders.cs", 12)]
    [InlineData("Save", "Orders.cs", 12)]
    [InlineData("Save", "/src/", 12)]
    [InlineData(null, null, 0)]
    public void Record_FoundFromTheStackOrGiven_EveryFormat_WritesTheKnownFieldsOnlyToTheSinksThatShowIt(string? function, string? file, int line)
    {
        foreach (var format in Formats)
        {
            foreach (var stackCaller in new[] { false, true })
            {
                foreach (var fromStack in new[] { false, true })
                {
                    var record = Record();
                    record.SetCaller(function, file, line, fromStack);

                    var expected = fromStack && !stackCaller ? string.Empty : Expected(format, function, file, line);
                    Assert.Equal(expected, Caller(format, Text(format, stackCaller, record)));
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property Record_OddFunctionAndPath_EveryFormat_WritesThemAsTheWritersEncoderDoes() =>
        Prop.ForAll(Arb.From(Callers()), caller =>
        {
            var (function, path, line) = caller;
            foreach (var format in Formats)
            {
                var record = Record();
                record.SetCaller(function, path, line, fromStack: true);
                Assert.Equal(Expected(format, function, path, line), Caller(format, Text(format, stackCaller: true, record)));
            }
        });

    private static Gen<(string Function, string Path, int Line)> Callers()
    {
        var piece = Gen.Elements("", "src", "Orders.cs", "q\"uote", "back\\slash", "Ωrders ✓", "😀", "lone \uD800", "tab\tnul\0", "line\nbreak", "</script>", "{x}");
        var separator = Gen.Elements("/", "\\", "");
        var path = from parts in Gen.Zip(piece, separator).ListOf()
                   from last in piece
                   select string.Concat(parts.Select(p => p.Item1 + p.Item2)) + last;
        return from function in piece
               from text in path
               from line in Gen.Elements(0, 1, 12, int.MaxValue)
               select (function, text, line);
    }

    // A record as a template call makes it (LoguStyle's own fields, then the caller; ECS's and OTel's neighbours fixed).
    private static LogRecord Record() =>
        new(Render.Time, LogLevel.Information, "Sample.Worker", "User 7")
        {
            Template = "User {UserId}",
            Properties = [new("UserId", 7)],
            ThreadId = 7,
            ProcessId = 4242,
        };

    private static string Text(JsonFormat format, bool stackCaller, LogRecord record)
    {
        var buffer = new Utf8Buffer(256);
        JsonLineFormatter.For(format, stackCaller).Render(record, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The caller part the format writes for a record with a template and no exception or trace: each field only
    /// when known, the file's whole path (its name in ECS), strings as the writer's encoder writes them.
    /// </summary>
    private static string Expected(JsonFormat format, string? function, string? path, int line)
    {
        var name = path?[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        var (before, after, fields) = format switch
        {
            JsonFormat.LoguStyle => ("process", string.Empty, Fields(("function", function), ("file", path), ("line", line))),
            JsonFormat.Ecs => ("process.thread.id", "logustyle", Fields(("log.origin.function", function), ("log.origin.file.name", name), ("log.origin.file.line", line))),
            JsonFormat.Otel => ("logustyle.template", "thread.id", Attributes(("code.function.name", function), ("code.file.path", path), ("code.line.number", line))),
            _ => (string.Empty, string.Empty, new List<string>()),
        };
        return fields.Count == 0 ? string.Empty : $"{before}|{string.Join(",", fields)}|{after}";
    }

    private static List<string> Fields(params (string Name, object? Value)[] fields) =>
        [.. Known(fields).Select(f => $"\"{f.Name}\":{(f.Value is int number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : Json((string)f.Value!))}")];

    private static List<string> Attributes(params (string Name, object? Value)[] fields) =>
        [.. Known(fields).Select(f => $"{{\"key\":\"{f.Name}\",\"value\":{{{(f.Value is int number ? $"\"intValue\":\"{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"" : $"\"stringValue\":{Json((string)f.Value!)}")}}}}}")];

    private static IEnumerable<(string Name, object? Value)> Known((string Name, object? Value)[] fields) =>
        fields.Where(f => f.Value is string { Length: > 0 } or int and > 0);

    // Lone surrogates become U+FFFD (docs/json.md), as a UTF-8 round trip makes them.
    private static string Json(string text) => JsonSerializer.Serialize(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)), Relaxed);

    /// <summary>
    /// The line's caller fields as written (names and raw values, in order, which must stand together in the line),
    /// between the names of the fields before and after them; empty when the line has none.
    /// </summary>
    private static string Caller(JsonFormat format, string line)
    {
        using var document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowDuplicateProperties = false });
        var items = format == JsonFormat.Otel
            ? document.RootElement.GetProperty("attributes").EnumerateArray().Select(a => (Name: a.GetProperty("key").GetString()!, Raw: a.GetRawText())).ToList()
            : document.RootElement.EnumerateObject().Select(p => (p.Name, Raw: $"\"{p.Name}\":{p.Value.GetRawText()}")).ToList();
        var first = items.FindIndex(i => CallerNames.Contains(i.Name));
        if (first < 0)
        {
            return string.Empty;
        }

        var last = items.FindLastIndex(i => CallerNames.Contains(i.Name));
        var written = string.Join(",", items[first..(last + 1)].Select(i => i.Raw));
        Assert.Contains(written, line, StringComparison.Ordinal);
        return $"{(first > 0 ? items[first - 1].Name : string.Empty)}|{written}|{(last + 1 < items.Count ? items[last + 1].Name : string.Empty)}";
    }

    private static IEnumerable<(JsonFormat Format, bool Asks)> Sinks() =>
        Formats.SelectMany(format => new[] { (format, false), (format, true) });

    private LoguStyleLoggerProvider Provider()
    {
        var options = new LoguStyleLoggerOptions();
        foreach (var (format, asks) in Sinks())
        {
            options.Sinks.Add(new FileSinkOptions(JsonPath(format, asks))
            {
                Serialize = true,
                JsonFormat = format,
                CallerInfo = asks ? CallerInfo.StackTrace : CallerInfo.None,
            });
        }

        return new LoguStyleLoggerProvider(options);
    }

    private string JsonPath(JsonFormat format, bool asks) => _folder.File($"{format}-{(asks ? "asks" : "not")}.json");

    private string[] Lines(JsonFormat format, bool asks) =>
        File.ReadAllText(JsonPath(format, asks)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string Single(JsonFormat format, bool asks) => Assert.Single(Lines(format, asks));

    private static int Here(out string path, [CallerLineNumber] int line = 0, [CallerFilePath] string file = "")
    {
        path = file;
        return line;
    }
}
