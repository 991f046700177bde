using System.Collections;
using System.Text.Json;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Faults;

#pragma warning disable CA2017, CA2254 // Wrong argument counts and a null template are the bad input under test.

/// <summary>
/// Bad records through the real MEL API (docs/reliability.md): none throws into the caller; each becomes one readable
/// record; JSON stays one valid object per line; the text file escapes control characters (tab and the newlines of a
/// multi-line message or exception kept); SingleLine keeps every record on exactly one line.
/// </summary>
public class BadRecordTests : IDisposable
{
    private static readonly string TenMegabytes = new('x', 10 * 1024 * 1024);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Rows => [.. BadRecords.Keys];

    private static Dictionary<string, (Action<ILogger> Log, string Readable)> BadRecords { get; } = new()
    {
        ["a 10 MB message"] = (log => log.LogInformation("{Big}", TenMegabytes), TenMegabytes),
        ["CR/LF forging a record"] = (log => log.LogInformation("first\r\n2026-11-24 09:10:00.000 | ERROR    | forged - admin logged in\rcarriage"), "first"),
        ["NUL, ESC, BEL, DEL and C1 controls"] = (log => log.LogInformation("nul\0 esc\u001b[2J bel\u0007 del\u007f csi\u009b end"), "end"),
        ["lone surrogates"] = (log => log.LogInformation("high \ud800 low \udc00 reversed \udc00\ud800 end"), "end"),
        ["an argument whose ToString throws"] = (log => log.LogInformation("value {V} then {W}", new ThrowingToString(), 2), "value <ThrowingToString.ToString() threw InvalidOperationException> then 2"),
        ["null arguments"] = (log => log.LogInformation("a {A} b {B}", null, null), "a (null) b (null)"),
        ["a null message"] = (log => log.LogInformation((string?)null), "[null]"),
        ["more arguments than holes"] = (log => log.LogInformation("only {One}", 1, 2, 3), "only 1"),
        ["fewer arguments than holes"] = (log => log.LogInformation("{A} {B} {C}", 1), "1 {B} {C}"),
        ["a state that is not a list of pairs"] = (log => log.Log(LogLevel.Information, default, new Uri("https://example.org/x"), null, (state, _) => $"custom {state}"), "custom https://example.org/x"),
        ["a list of pairs whose indexer throws"] = (log => log.Log(LogLevel.Information, default, new ThrowingPairs(), null, (_, _) => "pairs that throw"), "pairs that throw"),
        ["a formatter that throws"] = (log => log.Log<object?>(LogLevel.Information, default, null, null, (_, _) => throw new InvalidOperationException("formatter broke")), "formatting the message failed"),
        ["a formatter that returns null"] = (log => log.Log<object?>(LogLevel.Information, default, null, null, (_, _) => null!), string.Empty),
        ["a recursive object in a property"] = (log => log.LogInformation("node {Node} list {List}", new Node(), Cyclic()), "node "),
        ["an exception whose Message and StackTrace throw"] = (log => log.LogError(new EvilException(), "evil {N}", 1), "evil 1"),
        ["an exception with CR/LF and ESC in its message"] = (log => log.LogError(new InvalidOperationException("line one\nline two\u001b[2J"), "with exception"), "with exception"),
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void BadRecord_NeverThrows_IsOneReadableRecord_JsonStaysValid_TextEscapesControls(string row)
    {
        var (log, readable) = BadRecords[row];
        var errors = new StringWriter();
        var delivered = new List<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(_folder.File("app.json")) { Serialize = true },
                new FileSinkOptions(_folder.File("app.log")),
                new FileSinkOptions(_folder.File("single.log")) { SingleLine = true },
                new DelegateSinkOptions("delegate", record => delivered.Add(record.Message)),
            },
        };

        using (var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errors))
        using (var factory = LoggerFactory.Create(builder => builder.AddProvider(provider)))
        {
            log(factory.CreateLogger("bad"));
        }

        Assert.Equal(string.Empty, errors.ToString());
        Assert.Contains(readable, Assert.Single(delivered), StringComparison.Ordinal);

        // JSON: one line, one object, the message readable in it.
        var json = Assert.Single(LogFolder.Read(_folder.File("app.json")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Contains(readable, document.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // SingleLine: exactly one line, ended by the one newline.
        var single = LogFolder.Read(_folder.File("single.log"));
        Assert.Equal(single.Length - 1, single.IndexOf('\n', StringComparison.Ordinal));

        // Text: valid UTF-8 (LogFolder.Read refuses anything else) with no control character left raw but tab, newline
        // and the CR of a CRLF.
        var text = LogFolder.Read(_folder.File("app.log"));
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var allowed = c is '\t' or '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
            Assert.True(allowed || !char.IsControl(c), $"raw control character U+{(int)c:X4} at {i} in: {text[..Math.Min(text.Length, 300)]}");
        }

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    private static List<object?> Cyclic()
    {
        var list = new List<object?> { "item" };
        list.Add(list);
        return list;
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text for you");
    }

    private sealed class Node
    {
        public Node() => Self = this;

        public Node Self { get; }

        public List<Node> Children => [this];
    }

    private sealed class ThrowingPairs : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => throw new InvalidOperationException("no pair for you");

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new InvalidOperationException("no pairs for you");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class EvilException : Exception
    {
        public override string Message => throw new InvalidOperationException("no message for you");

        public override string? StackTrace => throw new InvalidOperationException("no stack for you");
    }
}
