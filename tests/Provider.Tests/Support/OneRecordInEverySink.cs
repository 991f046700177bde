using System.Collections.Concurrent;
using System.Text.Json;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Support;

/// <summary>
/// One logging call through a real provider with a sink of every kind, all direct or all enqueued: a console, a text
/// file, a JSON file per <see cref="JsonFormat"/>, a UDP syslog sink (structured data) to a loopback receiver and a
/// delegate; what each wrote of the one record it got (of text, the first line).
/// </summary>
internal static class OneRecordInEverySink
{
    /// <summary>
    /// Runs <paramref name="log"/> once and reads back the one record of every sink; the console, the text file and a
    /// text delegate use <paramref name="format"/>, and syslog's MSG too when <paramref name="formatSyslog"/> (its
    /// structured data is written either way). Every JSON line is parsed with repeated names refused.
    /// </summary>
    public static Seen Log(TempFolder folder, bool enqueue, string format, Action<ILogger> log, bool formatSyslog = false)
    {
        var run = Guid.NewGuid().ToString("N");
        var console = new MemoryConsole();
        var records = new ConcurrentQueue<Kept>();
        var texts = new ConcurrentQueue<string>();
        using var syslog = new UdpReceiver();
        var consoleSink = console.Sink(format: format, colorize: ColorMode.Never);
        consoleSink.Enqueue = enqueue;
        var textSink = DelegateSinkOptions.ForText("texts", texts.Enqueue);
        (textSink.Format, textSink.Enqueue) = (format, enqueue);
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                consoleSink,
                new FileSinkOptions(folder.File($"{run}.log")) { Format = format, Enqueue = enqueue },
                // Always enqueued (Enqueue false is refused): the same sink in both runs.
                new SyslogSinkOptions("syslog") { Host = "127.0.0.1", Port = syslog.Port, Format = formatSyslog ? format : null },
                new DelegateSinkOptions("records", r => records.Enqueue(new Kept(r.Message, r.Template, [.. r.Properties]))) { Enqueue = enqueue },
                textSink,
            },
        };
        foreach (var json in EveryJsonFormat.Formats)
        {
            options.Sinks.Add(new FileSinkOptions(folder.File($"{run}.{json}.json")) { Serialize = true, JsonFormat = json, Enqueue = enqueue });
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            log(provider.CreateLogger("c"));
        }

        Assert.True(SpinWait.SpinUntil(() => syslog.Messages.Count >= 1, TimeSpan.FromSeconds(10)), "no syslog message");
        var lines = EveryJsonFormat.Formats.ToDictionary(f => f, f =>
        {
            var line = File.ReadAllLines(folder.File($"{run}.{f}.json")).Single();
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return document.RootElement.Clone();
        });
        // One record (the delegate's, JSON's and syslog's Single): its first line of text (an exception's text follows).
        return new Seen(
            console.Lines.First().TrimEnd('\r'),
            File.ReadAllLines(folder.File($"{run}.log")).First(),
            lines,
            syslog.Messages.Single(),
            records.Single(),
            texts.Single().TrimEnd('\r', '\n'));
    }

    /// <summary>What a delegate sink kept of its record (the record itself is reused once the call is done).</summary>
    internal sealed record Kept(string Message, string? Template, KeyValuePair<string, object?>[] Properties);

    /// <summary>The one record as each sink wrote it.</summary>
    internal sealed record Seen(string Console, string TextFile, Dictionary<JsonFormat, JsonElement> Json, string Syslog, Kept Record, string Text)
    {
        /// <summary>
        /// Asserts that every sink wrote <paramref name="expected"/> in its formatted text (console, text file, text
        /// delegate, syslog's MSG; see <see cref="Log"/>) and every JSON format as one of its string values.
        /// </summary>
        public void AssertText(string expected, string what)
        {
            Assert.True(expected == Console, $"console ({what}): {Console}");
            Assert.True(expected == TextFile, $"text file ({what}): {TextFile}");
            Assert.True(expected == Text, $"text delegate ({what}): {Text}");
            Assert.True(Syslog.TrimEnd('\n').EndsWith(expected, StringComparison.Ordinal), $"syslog ({what}): {Syslog}");
            foreach (var (format, line) in Json)
            {
                Assert.True(Strings(line).Contains(expected), $"{format} ({what}): {line}");
            }
        }

        private static IEnumerable<string?> Strings(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
            JsonValueKind.String => [element.GetString()],
            _ => [],
        };

        /// <summary>Asserts that every sink wrote <paramref name="expected"/> as the message (syslog: in its MSG).</summary>
        public void AssertMessage(string expected, string what)
        {
            Assert.True(expected == Console, $"console ({what}): {Console}");
            Assert.True(expected == TextFile, $"text file ({what}): {TextFile}");
            Assert.True(expected == Record.Message, $"delegate ({what}): {Record.Message}");
            Assert.True(Syslog.Contains(expected, StringComparison.Ordinal), $"syslog ({what}): {Syslog}");
            foreach (var (format, written) in JsonMessages())
            {
                Assert.True(expected == written, $"{format} message ({what}): {written}");
            }
        }

        /// <summary>The message each JSON format wrote.</summary>
        public IEnumerable<(JsonFormat Format, string? Message)> JsonMessages() => Json.Select(p => (p.Key, p.Key switch
        {
            JsonFormat.Clef => p.Value.GetProperty("@m").GetString(),
            JsonFormat.Otel => p.Value.GetProperty("body").GetProperty("stringValue").GetString(),
            _ => p.Value.GetProperty("message").GetString(),
        }));

        /// <summary>The template each JSON format wrote, null where it wrote none.</summary>
        public IEnumerable<(JsonFormat Format, string? Template)> JsonTemplates() => Json.Select(p => (p.Key, p.Key switch
        {
            JsonFormat.Clef => p.Value.TryGetProperty("@mt", out var clef) ? clef.GetString() : null,
            JsonFormat.Ecs => p.Value.TryGetProperty("logustyle", out var custom) && custom.TryGetProperty("template", out var ecs) ? ecs.GetString() : null,
            JsonFormat.Otel => p.Value.TryGetProperty("attributes", out var attributes)
                ? attributes.EnumerateArray().Where(a => a.GetProperty("key").GetString() == "logustyle.template")
                    .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString()).SingleOrDefault()
                : null,
            _ => p.Value.TryGetProperty("template", out var own) ? own.GetString() : null,
        }));

        /// <summary>The property names each JSON format wrote for the record (OTel's attributes without LoguStyle's own).</summary>
        public IEnumerable<(JsonFormat Format, string[] Names)> JsonPropertyNames() => Json.Select(p => (p.Key, PropertyNames(p.Key, p.Value)));

        private static string[] PropertyNames(JsonFormat format, JsonElement line) => format switch
        {
            JsonFormat.Clef => [.. line.EnumerateObject().Select(o => o.Name).Where(n => !n.StartsWith('@'))],
            JsonFormat.Ecs => line.TryGetProperty("logustyle", out var custom) && custom.TryGetProperty("props", out var props)
                ? [.. props.EnumerateObject().Select(o => o.Name)]
                : [],
            JsonFormat.Otel => line.TryGetProperty("attributes", out var attributes)
                ? [.. attributes.EnumerateArray().Select(a => a.GetProperty("key").GetString()!)]
                : [],
            _ => line.TryGetProperty("props", out var own) ? [.. own.EnumerateObject().Select(o => o.Name)] : [],
        };
    }
}
