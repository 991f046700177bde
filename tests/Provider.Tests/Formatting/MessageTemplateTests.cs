using System.Globalization;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>The UTF-8 message renderer must write exactly what MEL's own formatter writes.</summary>
public class MessageTemplateTests
{
    public static TheoryData<string, object?[]> Cases => new()
    {
        { "User {UserId} bought {Count} items for {Price}", [42, 3, 29.97m] },
        { "no holes at all", [] },
        { "{A}{B}{C}", ["x", 1, 2.5] },
        { "Padded {Left,-8}| and {Right,8}|", ["ab", 12] },
        { "Formatted {Price:F4} {When:yyyy-MM-dd} {Hex:X8} {Ratio:P1}", [1.5m, new DateTime(2026, 11, 24), 255, 0.256] },
        { "Both {Value,10:F2}|", [3.14159] },
        { "Null {Value} here", [null] },
        { "List {Items} and {Empty}", [new[] { 1, 2, 3 }, Array.Empty<string>()] },
        { "Mixed list {Items}", [new object?[] { "a", null, 2 }] },
        { "Guid {Id} date {At} span {Span} bool {Flag} enum {Level}", [Guid.Parse("4bf92f35-77b3-4da6-a3ce-929d0e0e4736"), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(90), true, LogLevel.Warning] },
        { "Double {D} float {F} long {L} char {C}", [1.0 / 3, 2.5f, long.MinValue, 'z'] },
        { "Unicode {Name} ✓", ["wörld ✓ 🐞"] },
        { "Control {Text}", ["a\u001b[31mb\rc"] },
        { "Repeated {X} and {X}", [1, 2] },
        { "Object {Thing}", [new Uri("https://example.org/a?b=c")] },
        { "Long {Text}", [new string('x', 5000)] },
        { "Tab\tand\nnewline {V}", [1] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_PlainTemplate_WritesWhatMelsFormatterWrites(string template, object?[] args)
    {
        var melMessages = new List<string>();
        var fastLines = new List<string>();
        var queuedLines = new System.Collections.Concurrent.ConcurrentQueue<string>();

        // Enqueued, and read as a string (an alignment needs the text): rendered on the writer from the record's copy of
        // the values by the parsed template, for the states that are deferred.
        var queued = DelegateSinkOptions.ForText("queued", queuedLines.Enqueue);
        queued.Format = "{message,1}";
        queued.Enqueue = true;
        using var queuedProvider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { queued } });
        using var factory = LoggerFactory.Create(logging =>
        {
            logging.AddProvider(new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("mel", r => melMessages.Add(r.Message)) } }));
            var fast = DelegateSinkOptions.ForText("fast", fastLines.Add);
            fast.Format = "{message}";
            logging.AddProvider(new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { fast } }));

            logging.AddProvider(queuedProvider);
        });
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
#pragma warning disable CA2254 // The template varies on purpose: it is the case under test.
            factory.CreateLogger("c").LogInformation(template, args);
#pragma warning restore CA2254
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        queuedProvider.Dispose();
        Assert.NotNull(MessageTemplate.Parse(template));
        var melMessage = Assert.Single(melMessages);
        Assert.Equal(Render.With("{message}", Render.Record(message: melMessage)), Assert.Single(fastLines));
        Assert.Equal(Render.With("{message,1}", Render.Record(message: melMessage)), Assert.Single(queuedLines));
    }

    [Theory]
    [InlineData("Escaped {{braces}} {A}")]
    [InlineData("Odd } brace {A}")]
    [InlineData("Nested {A{B}}")]
    [InlineData("Unclosed {A")]
    [InlineData("Empty {} hole")]
    [InlineData("Bad alignment {A,x}")]
    public void Parse_UnusualTemplate_IsLeftToMelsFormatter(string template)
    {
        Assert.Null(MessageTemplate.Parse(template));
    }

    [Fact]
    public void Render_ValueWhoseFormattingThrows_WritesAMarkerAndTheRestOfTheLine()
    {
        var lines = MessagesLogged(logger => logger.LogInformation("before {Bad} after {Good}", new ThrowingFormattable(), 7));

        Assert.Equal("before <ThrowingFormattable.ToString() threw InvalidOperationException> after 7\n", Assert.Single(lines));
    }

    [Fact]
    public void For_SameTextInNewInstances_AnswersAsForTheLiteral()
    {
        // A template built anew for every call (an interpolated string) and the literal with the same text: both parse,
        // to the same template, and every call renders its own values.
        const string Literal = "Order {Id} shipped";
        var lines = MessagesLogged(logger =>
        {
            for (var i = 0; i < 300; i++)
            {
                var built = string.Concat("Order {Id}", " shipped");
                Assert.NotSame(Literal, built);
                Assert.Same(MessageTemplate.For(Literal), MessageTemplate.For(built));
#pragma warning disable CA2254 // The template is built at run time on purpose.
                logger.LogInformation(i % 2 == 0 ? Literal : built, i);
#pragma warning restore CA2254
            }
        });

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"Order {i} shipped\n"), lines);
    }

    [Fact]
    public void For_ManyDistinctTemplates_EachRendersItsOwnText()
    {
        // More templates than the identity table has entries, so some collide and are answered by the dictionary.
        var templates = Enumerable.Range(0, 1000).Select(i => $"T{i} {{V}}").ToArray();
        var lines = MessagesLogged(logger =>
        {
            for (var round = 0; round < 2; round++)
            {
                foreach (var template in templates)
                {
#pragma warning disable CA2254 // The templates vary on purpose.
                    logger.LogInformation(template, round);
#pragma warning restore CA2254
                }
            }
        });

        var expected = Enumerable.Range(0, 2).SelectMany(round => Enumerable.Range(0, 1000).Select(i => $"T{i} {round}\n"));
        Assert.Equal(expected, lines);
    }

    /// <summary>The lines a "{message}" text sink wrote for what <paramref name="log"/> logged.</summary>
    private static List<string> MessagesLogged(Action<ILogger> log)
    {
        var lines = new List<string>();
        var sink = DelegateSinkOptions.ForText("t", lines.Add);
        sink.Format = "{message}";
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
        {
            log(provider.CreateLogger("c"));
        }

        return lines;
    }

    private sealed class ThrowingFormattable : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => throw new InvalidOperationException("no");
    }
}
