using System.Collections.Concurrent;
using System.Text.Json;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Faults;

/// <summary>
/// One provider with a chosen set of sink kinds (console to memory, text file, JSON file, each direct or enqueued, a
/// delegate), and each sink's records read back. Text formats end every record with U+001E, a control character a
/// message can never write raw (text sinks escape it), so records with newlines in them still split exactly.
/// </summary>
internal sealed class EverySink
{
    /// <summary>Every kind, named as the rows of the tests name them.</summary>
    public static readonly string[] AllKinds = ["console", "console enqueued", "text", "text enqueued", "json", "json enqueued", "delegate"];

    private const string End = "\u001e";

    private readonly TempFolder _folder;
    private readonly MemoryConsole _console = new();
    private readonly MemoryConsole _queuedConsole = new();
    private readonly ConcurrentQueue<string> _delegate = new();

    public EverySink(TempFolder folder, IEnumerable<string> kinds, string textFormat = "{level:u3} {message} [{scopes}]")
    {
        _folder = folder;
        Kinds = [.. kinds];
        var format = textFormat + End;
        foreach (var kind in Kinds)
        {
            var enqueue = kind.EndsWith(" enqueued", StringComparison.Ordinal);
            var name = kind.Replace(' ', '-');
            Options.Sinks.Add(kind.Split(' ')[0] switch
            {
                "console" => WithQueue((enqueue ? _queuedConsole : _console).Sink(name, format, colorize: ColorMode.Never), enqueue),
                "text" => WithQueue(new FileSinkOptions(folder.File(name + ".log")) { Format = format }, enqueue),
                "json" => WithQueue(new FileSinkOptions(folder.File(name + ".json")) { Serialize = true }, enqueue),
                "delegate" => new DelegateSinkOptions(name, record => _delegate.Enqueue(record.Message)),
                _ => throw new ArgumentException(kind, nameof(kinds)),
            });
        }
    }

    public string[] Kinds { get; }

    public LoguStyleLoggerOptions Options { get; } = new();

    /// <summary>The path a JSON kind writes to, for <see cref="LogFile.Read(string)"/>.</summary>
    public string JsonPath(string kind) => _folder.File(kind.Replace(' ', '-') + ".json");

    /// <summary>The records one sink wrote, as text: a text record as written, a JSON record's <c>message</c>.</summary>
    public IReadOnlyList<string> Records(string kind)
    {
        var name = kind.Replace(' ', '-');
        return kind.Split(' ')[0] switch
        {
            "console" => Split((kind.EndsWith(" enqueued", StringComparison.Ordinal) ? _queuedConsole : _console).Text),
            "text" => File.Exists(_folder.File(name + ".log")) ? Split(LogFolder.Read(_folder.File(name + ".log"))) : [],
            "json" => File.Exists(JsonPath(kind)) ? [.. JsonLines(kind).Select(Message)] : [],
            "delegate" => [.. _delegate],
            _ => throw new ArgumentException(kind, nameof(kind)),
        };
    }

    /// <summary>The lines of a JSON kind's file (LogFolder.Read refuses text that is not valid UTF-8).</summary>
    public string[] JsonLines(string kind) =>
        File.Exists(JsonPath(kind)) ? LogFolder.Read(JsonPath(kind)).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    private static string Message(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("message").GetString() ?? string.Empty;
    }

    private static string[] Split(string text)
    {
        var records = text.Split(End + Environment.NewLine);
        Assert.Equal(string.Empty, records[^1]);
        return records[..^1];
    }

    private static SinkOptions WithQueue(SinkOptions options, bool enqueue)
    {
        options.Enqueue = enqueue;
        return options;
    }
}
