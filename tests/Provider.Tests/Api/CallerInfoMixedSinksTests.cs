using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// Sinks of one category that disagree on <c>CallerInfo: StackTrace</c> share one record: each sink kind, direct and
/// enqueued, asking and not asking, side by side in one provider. Only the sinks that ask show the caller found from
/// the stack; the others write none (their formatters leave it out; a delegate sink gets a record without it).
/// </summary>
public sealed class CallerInfoMixedSinksTests : IDisposable
{
    private const string End = "\u001e";
    private const string TextFormat = "{level:u3} {message} | {function}:{file}:{line}" + End;

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, MemoryConsole> _consoles = [];
    private readonly Dictionary<string, ConcurrentQueue<LogRecord>> _records = [];
    private readonly Dictionary<string, ConcurrentQueue<string>> _texts = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void PlainMelCall_EverySinkKindAskingAndNot_DirectAndEnqueued_OnlyTheAskingShowTheStackCaller()
    {
        var options = new LoguStyleLoggerOptions();
        var names = new List<(string Name, bool Asks)>();
        foreach (var asks in new[] { true, false })
        {
            foreach (var queued in new[] { false, true })
            {
                var suffix = (asks ? "-asks" : "-not") + (queued ? "-queued" : string.Empty);
                foreach (var sink in Sinks(suffix))
                {
                    sink.CallerInfo = asks ? CallerInfo.StackTrace : CallerInfo.None;
                    sink.Enqueue = queued;
                    options.Sinks.Add(sink);
                }

                names.Add((suffix, asks));
            }
        }

        int line;
        string path;
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("Mixed").LogInformation("User {UserId}", 7); line = Here(out path);
        }

        var function = nameof(PlainMelCall_EverySinkKindAskingAndNot_DirectAndEnqueued_OnlyTheAskingShowTheStackCaller);
        foreach (var (suffix, asks) in names)
        {
            var shown = asks ? $"{function}:CallerInfoMixedSinksTests.cs:{line}" : "::";
            Assert.Equal($"INF User 7 | {shown}{End}{Environment.NewLine}", _consoles["console" + suffix].Text);
            Assert.Equal($"INF User 7 | {shown}{End}{Environment.NewLine}", File.ReadAllText(_folder.File($"text{suffix}.log")));
            Assert.Equal($"INF User 7 | {shown}{End}\n", Assert.Single(_texts["text-delegate" + suffix]));

            // No format of its own: Loguru's layout with the caller for a record that shows one, the default without.
            var layout = File.ReadAllText(_folder.File($"layout{suffix}.log"));
            Assert.Equal(asks, layout.Contains($"Mixed:{function}:{line} - User 7", StringComparison.Ordinal));
            Assert.Equal(!asks, layout.Contains("Mixed - User 7", StringComparison.Ordinal));

            var record = Assert.Single(_records["delegate" + suffix]);
            Assert.Equal(asks ? (function, path, line) : (null, null, 0), (record.CallerFunction, record.CallerFilePath, record.CallerLine));

            foreach (var (format, field, expected) in JsonCallers(asks, function, path, line))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(_folder.File($"{format}{suffix}.json")));
                var root = format == JsonFormat.Otel ? Attributes(json.RootElement) : json.RootElement;
                Assert.True(
                    expected is null ? !Has(root, field) : Has(root, field) && Text(root, field) == expected,
                    $"{format}{suffix}: {field} in {json.RootElement}");
            }

            // CLEF has no caller fields, asked or not.
            Assert.DoesNotContain(function, File.ReadAllText(_folder.File($"{JsonFormat.Clef}{suffix}.json")), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<(JsonFormat Format, string Field, string? Expected)> JsonCallers(bool asks, string function, string path, int line)
    {
        yield return (JsonFormat.LoguStyle, "function", asks ? function : null);
        yield return (JsonFormat.LoguStyle, "file", asks ? path : null);
        yield return (JsonFormat.LoguStyle, "line", asks ? $"{line}" : null);
        yield return (JsonFormat.Ecs, "log.origin.function", asks ? function : null);
        yield return (JsonFormat.Ecs, "log.origin.file.name", asks ? Path.GetFileName(path) : null);
        yield return (JsonFormat.Otel, "code.function.name", asks ? function : null);
        yield return (JsonFormat.Otel, "code.file.path", asks ? path : null);
    }

    private IEnumerable<SinkOptions> Sinks(string suffix)
    {
        var console = _consoles["console" + suffix] = new MemoryConsole();
        yield return console.Sink("console" + suffix, TextFormat, colorize: ColorMode.Never);
        yield return new FileSinkOptions(_folder.File($"text{suffix}.log")) { Format = TextFormat };
        yield return new FileSinkOptions(_folder.File($"layout{suffix}.log"));
        foreach (var format in Enum.GetValues<JsonFormat>())
        {
            yield return new FileSinkOptions(_folder.File($"{format}{suffix}.json")) { Serialize = true, JsonFormat = format };
        }

        var records = _records["delegate" + suffix] = new();
        yield return new DelegateSinkOptions("delegate" + suffix, records.Enqueue);
        var texts = _texts["text-delegate" + suffix] = new();
        var text = DelegateSinkOptions.ForText("text-delegate" + suffix, texts.Enqueue);
        text.Format = TextFormat;
        yield return text;
    }

    // OTLP/JSON's attributes, as a flat object of name and text for the assertions above.
    private static JsonElement Attributes(JsonElement root)
    {
        var pairs = root.GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").EnumerateObject().First().Value.ToString());
        return JsonSerializer.SerializeToElement(pairs);
    }

    private static bool Has(JsonElement root, string field) => root.TryGetProperty(field, out _);

    private static string Text(JsonElement root, string field) => root.GetProperty(field).ToString();

    private static int Here(out string path, [CallerLineNumber] int line = 0, [CallerFilePath] string file = "")
    {
        path = file;
        return line;
    }
}
