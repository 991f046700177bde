using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

#pragma warning disable CA1848, CA2254 // MEL's template API renders the oracle's templates.

/// <summary>
/// Catch's message follows MEL's rule for a template given a value, the caller (api.md#catch): <c>{{</c> and <c>}}</c>
/// are one brace in a message with a hole, <c>{Caller}</c> or another (they were only when one was <c>{Caller}</c>,
/// outside20c #5), and as they stand in one without; every other hole and stray brace is written as it stands; the
/// record's template, in every JSON format, is one MEL parses that renders to the message, never a text MEL refused
/// (outside20d F5).
/// </summary>
public sealed class CatchMessageTemplateTests : IDisposable
{
    private const string Caller = "Hole";
    private readonly TempFolder _folder = new();

    private enum Piece
    {
        Text,
        EscapedOpen,
        EscapedClose,
        EscapedHole,
        Caller,
        CallerAligned,
        CallerBadAlignment,
        Other,
        OtherFormatted,
        StrayClose,
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("a {{b}} c", "a {{b}} c")]
    [InlineData("a {{b}} {Other}", "a {b} {Other}")]
    [InlineData("a {{b}} {Caller}", "a {b} Hole")]
    [InlineData("{Caller,x} z", "{Caller,x} z")]
    [InlineData("{{a}} {Caller} {Caller,x}", "{a} Hole {Caller,x}")]
    [InlineData("{ {Caller} }}", "{ {Caller} }")]
    public void Message_EscapedBracesAreOneBrace_WithOrWithoutACallerHole(string message, string expected) =>
        AssertWritten(message, expected, enqueue: false);

    [Property(MaxTest = 60)]
    public Property AnyMessage_EverySinkKind_WritesMelsRendering_AndATemplateMelParses() =>
        Prop.ForAll(Messages().ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), Gen.Elements(false, true).ToArbitrary(), (pieces, strayOpenLast, enqueue) =>
        {
            var message = string.Join(' ', pieces.Select(Text)) + (strayOpenLast ? " {" : string.Empty);
            var expected = pieces.Any(IsHole) ? string.Join(' ', pieces.Select(Written)) + (strayOpenLast ? " {" : string.Empty) : message;
            AssertWritten(message, expected, enqueue);
            return true;
        });

    private static bool IsHole(Piece piece) => piece is Piece.Caller or Piece.CallerAligned or Piece.CallerBadAlignment or Piece.Other or Piece.OtherFormatted;

    private static Gen<Piece[]> Messages() =>
        Gen.Elements(Enum.GetValues<Piece>()).ListOf().Where(pieces => pieces.Count is > 0 and <= 8).Select(pieces => pieces.ToArray());

    private static string Text(Piece piece) => piece switch
    {
        Piece.Text => "x y",
        Piece.EscapedOpen => "{{",
        Piece.EscapedClose => "}}",
        Piece.EscapedHole => "{{Caller}}",
        Piece.Caller => "{Caller}",
        Piece.CallerAligned => "{Caller,6}",
        Piece.CallerBadAlignment => "{Caller,x}",
        Piece.Other => "{Other}",
        Piece.OtherFormatted => "{B:D3}",
        _ => "}",
    };

    // The rule api.md states for a message with a hole: the caller fills {Caller} (with its alignment), a doubled brace
    // is one, the rest as written. A message without a hole is written as it stands.
    private static string Written(Piece piece) => piece switch
    {
        Piece.EscapedOpen => "{",
        Piece.EscapedClose => "}",
        Piece.EscapedHole => "{Caller}",
        Piece.Caller => Caller,
        Piece.CallerAligned => "  " + Caller,
        _ => Text(piece),
    };

    private void AssertWritten(string message, string expected, bool enqueue)
    {
        var seen = OneRecordInEverySink.Log(_folder, enqueue, "{message}", logger =>
            logger.Catch(() => throw new InvalidOperationException("boom"), message: message, caller: Caller));
        var what = $"Catch message '{message}', enqueue {enqueue}";

        seen.AssertMessage(expected, what);

        // The template a shipper gets is one MEL parses: with a hole, it renders to the message; without one, it is the
        // message as written (as MEL's own LogInformation("a {{b}} c", x) keeps it), or absent when MEL refuses that.
        var callers = seen.Record.Properties.Count(p => p.Key == "Caller");
        foreach (var (where, template) in seen.JsonTemplates().Select(t => (t.Format.ToString(), t.Template)).Append(("delegate", seen.Record.Template)))
        {
            var rendered = template is null ? null : Rendering(template, callers);
            Assert.True(
                template is null
                    ? expected == message && Rendering(message, 0) is null
                    : rendered == expected || (template == message && expected == message && rendered is not null),
                $"{where} template ({what}): {template} renders '{rendered}'");
        }
    }

    // The template rendered as a template reader does, by MEL's own formatter given the caller for each hole; a hole is
    // added at the end (given an empty value) because MEL writes a template without one as it stands. Null when MEL
    // refuses the template.
    private static string? Rendering(string template, int callers)
    {
        var rendered = string.Empty;
        try
        {
            new RenderingLogger(text => rendered = text).LogInformation(template + "{Z}", [.. Enumerable.Repeat<object?>(Caller, callers), string.Empty]);
        }
        catch (FormatException)
        {
            return null;
        }

        return rendered;
    }

    private sealed class RenderingLogger(Action<string> rendered) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            rendered(formatter(state, exception));
    }
}
