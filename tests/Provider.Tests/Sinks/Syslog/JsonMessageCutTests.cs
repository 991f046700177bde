using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink with <c>Serialize</c>: whatever the record holds (names and values of 20 KB and more, non-ASCII,
/// surrogate pairs, lone surrogates, control characters, quotes), the message stays within <c>MaxMessageBytes</c> and
/// its MSG is one JSON object that System.Text.Json parses.
/// </summary>
public class JsonMessageCutTests
{
    private const int Runs = 300;

    private static readonly JsonFormat[] Formats = [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];

    /// <summary>The example of issue 20: a 20 KB key of a dictionary property and a 20 KB name of a scope's pair.</summary>
    [Theory]
    [InlineData(JsonFormat.LoguStyle)]
    [InlineData(JsonFormat.Clef)]
    [InlineData(JsonFormat.Ecs)]
    [InlineData(JsonFormat.Otel)]
    public void Render_A20KbDictionaryKeyAndScopeName_MsgIsOneJsonObjectWithinTheLimit(JsonFormat format)
    {
        var longKey = new string('k', 20_000);
        var record = new LogRecord(Render.Time, LogLevel.Information, "c", "order placed")
        {
            ProcessId = 4242,
            Properties = [new("Order", new Dictionary<string, object?> { [longKey] = 1, ["Id"] = 42 })],
            Scopes = [new KeyValuePair<string, object?>[] { new(new string('s', 20_000), "scoped"), new("Request", "r-7") }],
        };

        var (length, msg) = RenderMessage(record, format, 2048);

        Assert.InRange(length, 1, 2048);
        using var json = JsonDocument.Parse(msg);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("order placed", Encoding.UTF8.GetString(msg), StringComparison.Ordinal);
    }

    [Property(MaxTest = Runs)]
    public Property Render_AnyNamesValuesAndScopes_MsgIsOneJsonObjectWithinTheLimit() =>
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var (length, msg) = RenderMessage(c.Record, c.Format, c.MaxBytes);
            Assert.True(length <= c.MaxBytes, $"{length} bytes over MaxMessageBytes {c.MaxBytes}: {c}");
            try
            {
                using var json = JsonDocument.Parse(msg);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            }
            catch (JsonException ex)
            {
                Assert.Fail($"MSG is not JSON ({ex.Message}): {c}; MSG ends {Encoding.UTF8.GetString(msg[Math.Max(0, msg.Length - 120)..])}");
            }
        });

    /// <summary>
    /// Issue 19/20 F2: an exception chain or an aggregate nested up to 150 deep, with long messages and Data, makes a
    /// JSON MSG of up to megabytes that is nested deeper than System.Text.Json's default 64; it is cut to one whole
    /// JSON object within MaxMessageBytes (2,048 and UDP's 65,507), never cut as bytes into an unterminated string.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property Render_DeepExceptionChainsAndAggregates_MsgIsOneJsonObjectWithinTheLimit() =>
        Prop.ForAll(DeepCases().ToArbitrary(), c =>
        {
            var (length, msg) = RenderMessage(c.Record, c.Format, c.MaxBytes);
            Assert.True(length <= c.MaxBytes, $"{length} bytes over MaxMessageBytes {c.MaxBytes}: {c}");
            try
            {
                using var json = JsonDocument.Parse(msg, new JsonDocumentOptions { MaxDepth = 1000 });
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            }
            catch (JsonException ex)
            {
                Assert.Fail($"MSG is not JSON ({ex.Message}): {c}; MSG ends {Encoding.UTF8.GetString(msg[Math.Max(0, msg.Length - 120)..])}");
            }
        });

    private static Gen<Case> DeepCases() =>
        from depth in Gen.Choose(60, 150)
        from aggregate in Gen.Elements(false, true)
        from messageLength in Gen.Elements(1, 40, 3_000)
        from format in Gen.Elements(Formats)
        from maxBytes in Gen.Elements(2048, 65507)
        select new Case(
            new LogRecord(Render.Time, LogLevel.Error, "c", "failed")
            {
                ProcessId = 4242,
                Exception = Deep(depth, aggregate, new string('m', messageLength)),
            },
            format,
            maxBytes);

    // An exception nested depth deep: a chain, or aggregates each holding the next and a sibling; each with Data.
    private static Exception Deep(int depth, bool aggregate, string message)
    {
        Exception current = new InvalidOperationException("root " + message);
        for (var level = depth - 1; level >= 0; level--)
        {
            current = aggregate
                ? new AggregateException($"A{level} {message}", current, new ArgumentException($"sibling {level}"))
                : new InvalidOperationException($"L{level} {message}", current);
            current.Data["Level"] = level;
        }

        return current;
    }

    /// <summary>Renders <paramref name="record"/> and returns the message's length in bytes and its MSG.</summary>
    private static (int Length, byte[] Msg) RenderMessage(LogRecord record, JsonFormat format, int maxBytes)
    {
        var options = new SyslogSinkOptions { AppName = "shop", Serialize = true, JsonFormat = format, MaxMessageBytes = maxBytes };
        var buffer = new Utf8Buffer(64);
        new Rfc5424Formatter(options, LevelTable.Default, "web-1").Render(record, buffer);
        var message = buffer.WrittenSpan.ToArray();
        return (message.Length, Msg(message));
    }

    /// <summary>MSG of an RFC 5424 message: after the six header fields and the structured data (whose values may hold spaces, quotes and brackets, escaped).</summary>
    private static byte[] Msg(byte[] message)
    {
        var at = 0;
        for (var field = 0; field < 6; field++)
        {
            at = Array.IndexOf(message, (byte)' ', at) + 1;
            Assert.True(at > 0, "the header has fewer than six fields");
        }

        if (message[at] == (byte)'-')
        {
            at++;
        }
        else
        {
            while (at < message.Length && message[at] == (byte)'[')
            {
                var quoted = false;
                for (at++; message[at] != (byte)']' || quoted; at++)
                {
                    if (message[at] == (byte)'\\' && quoted)
                    {
                        at++;
                    }
                    else if (message[at] == (byte)'"')
                    {
                        quoted = !quoted;
                    }
                }

                at++;
            }
        }

        Assert.True(at < message.Length && message[at] == (byte)' ', "no MSG after the structured data");
        return message[(at + 1)..];
    }

    /// <summary>One record, its format and limit; shown by its sizes, not its (megabytes of) text, when a run fails.</summary>
    private sealed record Case(LogRecord Record, JsonFormat Format, int MaxBytes)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Format}, MaxMessageBytes {MaxBytes}, message of {Record.Message.Length} chars, properties [{string.Join(", ", Record.Properties.Select(p => $"{p.Key.Length} chars = {Describe(p.Value)}"))}], scopes [{string.Join(", ", Record.Scopes.Select(Describe))}]");

        private static string Describe(object? value) => value switch
        {
            string text => $"text of {text.Length} chars",
            KeyValuePair<string, object?>[] pairs => $"pairs of {string.Join("/", pairs.Select(p => p.Key.Length))}-char names",
            IDictionary<string, object?> map => $"dictionary of {string.Join("/", map.Keys.Select(k => k.Length))}-char keys",
            string[] items => $"list of {items.Length}",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
        };
    }

    private static Gen<Case> Cases() =>
        from message in Texts()
        from properties in Pairs()
        from scopeCount in Gen.Choose(0, 3)
        from scopes in Scopes().ArrayOf(scopeCount)
        from eventName in Gen.Elements<string?>(null, "Placed", new string('n', 300))
        from format in Gen.Elements(Formats)
        from maxBytes in Gen.Elements(128, 480, 900, 2048, 8192, 65536)
        select new Case(
            new LogRecord(Render.Time, LogLevel.Information, "c", message)
            {
                ProcessId = 4242,
                EventId = new EventId(7, eventName),
                Properties = properties,
                Scopes = scopes,
            },
            format,
            maxBytes);

    // Short awkward texts, and long runs (up to 25,000 times) of one piece: ASCII, 2- and 3-byte UTF-8, a surrogate pair,
    // a control character and a quote (escaped in JSON), a lone surrogate (written as U+FFFD).
    private static Gen<string> Texts() =>
        Gen.Frequency(
            (3, Gen.Elements("", "a", "Grüße", "東京", "😀", "quote \" back \\ bracket ]", "tab\tnul\0\u001f", "lone \uD800", "\uDC00 low", "{OriginalFormat}", "scope", "Id")),
            (2, from piece in Gen.Elements("x", "é", "東", "😀", "\u0001", "\"", "\\", "\uD800", "ab😀\n")
                from count in Gen.Choose(1, 25_000)
                select string.Concat(Enumerable.Repeat(piece, count))));

    private static Gen<object?> Values() =>
        Gen.OneOf(
            Texts().Select(text => (object?)text),
            Gen.Choose(-5, 5).Select(number => (object?)number),
            Gen.Constant<object?>(null),
            from count in Gen.Choose(0, 3)
            from items in Texts().ArrayOf(count)
            select (object?)items,
            from count in Gen.Choose(0, 3)
            from pairs in Gen.Zip(Texts(), Texts()).ArrayOf(count)
            select (object?)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => (object?)p.Item2));

    private static Gen<KeyValuePair<string, object?>[]> Pairs() =>
        from count in Gen.Choose(0, 4)
        from pairs in Gen.Zip(Texts(), Values()).ArrayOf(count)
        select pairs.Select(p => new KeyValuePair<string, object?>(p.Item1, p.Item2)).ToArray();

    private static Gen<object?> Scopes() =>
        Gen.OneOf(
            Pairs().Select(pairs => (object?)pairs),
            Texts().Select(text => (object?)text),
            from count in Gen.Choose(1, 3)
            from pairs in Gen.Zip(Texts(), Texts()).ArrayOf(count)
            select (object?)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => (object?)p.Item2));
}
