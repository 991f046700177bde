using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Faults;

#pragma warning disable CA1848, CA2254 // The template API with generated templates is what is under test.

/// <summary>
/// A template MEL parses whose formatting fails (fewer arguments than holes, a value whose <c>ToString</c> throws) is
/// filled as far as it can be (reliability.md): a hole with a value is written as MEL writes it, a hole without one keeps
/// its text, a throwing value is a marker, and the template's escapes are unescaped as MEL does (<c>{{</c> is <c>{</c>,
/// <c>}}</c> is <c>}</c>; <c>{}</c> is a hole). Templates with escapes or an empty hole lost the whole fill to
/// <c>template [LoguStyle: formatting the message failed: ...]</c> (outside20c #4). A template scope is filled the
/// same way; one with escapes lost it to <c>&lt;FormattedLogValues.ToString() threw FormatException&gt;</c> (outside20f F4).
/// </summary>
public sealed class EscapedTemplatePartialFillTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private enum Piece
    {
        Text,
        EscapedOpen,
        EscapedClose,
        EscapedHole,
        Hole,
        HoleAligned,
        HoleFormatted,
        HoleAlignedFormatted,
        EmptyHole,
    }

    private enum Call
    {
        LogInformation,
        Success,
        LogByName,
        BeginScope,
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EscapedBraces_FewerArgumentsThanHoles_TheHolesWithAValueAreFilled()
    {
        var seen = Log("{{x}} Order {A} for {B}", [42], Call.LogInformation, enqueue: false);

        seen.AssertMessage("{x} Order 42 for {B}", "LogInformation");
    }

    [Property(MaxTest = 60)]
    public Property AnyTemplateWithEscapesOrAnEmptyHole_FormattingFails_EverySinkKindWritesThePartialFill() =>
        Prop.ForAll(
            Templates().ToArbitrary(),
            Gen.Choose(0, 35).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (pieces, how, enqueue) =>
            {
                var (pick, call) = (how % 9, (Call)(how / 9));
                var holes = pieces.Count(IsHole);

                // Either fewer arguments than holes (at least one: MEL writes a call without values as it stands), or
                // one per hole with one that throws.
                var throwing = pick % 2 == 0 ? pick / 2 % holes : -1;
                var count = throwing >= 0 ? holes : 1 + (pick % Math.Max(holes - 1, 1));
                if (throwing < 0 && count >= holes)
                {
                    return true; // one hole and one argument: nothing fails
                }

                var args = Enumerable.Range(0, count).Select(i => i == throwing ? (object?)new Thrower() : 100 + i).ToArray();
                var template = string.Join(' ', pieces.Select((p, i) => Text(p, i)));
                var hole = 0;
                var expected = string.Join(' ', pieces.Select((p, i) => Written(p, i, IsHole(p) ? hole++ : -1, args)));
                Written(Log(template, args, call, enqueue), call, expected, $"{call} '{template}' with {count} argument(s), throwing {throwing}, enqueue {enqueue}");
                return true;
            });

    // outside20f tp.1.23 and tp.1.33 (MEL reads "{E { {D,-6:X}" as one hole named "E { {D").
    [Theory]
    [InlineData("{B,5} {D,-6:X} {A} {C:D3} }}", "  1.5 {D,-6:X} {A} {C:D3} }")]
    [InlineData("{B,5} {E { {D,-6:X} ", "  1.5 {E { {D,-6:X} ")]
    public void ScopeWithAlignedAndFormattedHoles_OneArgument_IsFilledAsFarAsItCanBe(string template, string expected)
    {
        var seen = Log(template, [1.5m], Call.BeginScope, enqueue: false);

        seen.AssertText(expected, "BeginScope");
    }

    // A template without holes is written as MEL writes it, escapes and all: MEL 10 formats only a template with holes,
    // so "{{ " with values stays "{{ " (checked against MEL itself, a plain provider beside none). A scope's state is the
    // same MEL type as a message's, so MEL's message is the reference for the scope's text too.
    [Property(MaxTest = 40)]
    public Property TemplateWithoutHoles_WithArguments_EveryCallAndSinkKindWritesWhatMelWrites() =>
        Prop.ForAll(
            Gen.Elements(Piece.Text, Piece.EscapedOpen, Piece.EscapedClose, Piece.EscapedHole).ListOf()
                .Where(p => p.Count is > 0 and <= 6 && p.Any(x => x != Piece.Text)).Select(p => p.ToArray()).ToArbitrary(),
            Gen.Choose(0, 11).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (pieces, how, enqueue) =>
            {
                var (call, count) = ((Call)(how % 4), 1 + (how / 4));
                var args = Enumerable.Range(0, count).Select(i => i == 2 ? (object?)new Thrower() : 100 + i).ToArray();
                var template = string.Join(' ', pieces.Select((p, i) => Text(p, i)));
                var mel = new CapturingLoggerProvider();
                mel.CreateLogger("c").LogInformation(template, args);
                Written(Log(template, args, call, enqueue), call, Assert.Single(mel.Calls).Message, $"{call} '{template}' with {count} argument(s), enqueue {enqueue}");
                return true;
            });

    private static bool IsHole(Piece piece) => piece is Piece.Hole or Piece.HoleAligned or Piece.HoleFormatted or Piece.HoleAlignedFormatted or Piece.EmptyHole;

    // A message is the record's message in every sink; a scope is the text of {scopes} (syslog's MSG too) and a string
    // of every JSON line.
    private static void Written(OneRecordInEverySink.Seen seen, Call call, string expected, string what)
    {
        if (call == Call.BeginScope)
        {
            seen.AssertText(expected, what);
        }
        else
        {
            seen.AssertMessage(expected, what);
        }
    }

    // Pieces joined by a space, so no two braces of different pieces meet; at least one hole and one escape or empty hole.
    private static Gen<Piece[]> Templates() =>
        Gen.Elements(Enum.GetValues<Piece>()).ListOf()
            .Where(pieces => pieces.Count is > 0 and <= 8 && pieces.Any(IsHole) &&
                pieces.Any(p => p is Piece.EscapedOpen or Piece.EscapedClose or Piece.EscapedHole or Piece.EmptyHole))
            .Select(pieces => pieces.ToArray());

    private static string Text(Piece piece, int index) => piece switch
    {
        Piece.Text => "x y",
        Piece.EscapedOpen => "{{",
        Piece.EscapedClose => "}}",
        Piece.EscapedHole => "{{E" + index.ToString(CultureInfo.InvariantCulture) + "}}",
        Piece.Hole => "{H" + index.ToString(CultureInfo.InvariantCulture) + "}",
        Piece.HoleAligned => "{H" + index.ToString(CultureInfo.InvariantCulture) + ",6}",
        Piece.HoleFormatted => "{H" + index.ToString(CultureInfo.InvariantCulture) + ":D5}",
        Piece.HoleAlignedFormatted => "{H" + index.ToString(CultureInfo.InvariantCulture) + ",-6:X}",
        _ => "{}",
    };

    // What MEL would write with every value there: its text for a hole without a value, a marker for one that throws.
    private static string Written(Piece piece, int index, int hole, object?[] args) => piece switch
    {
        Piece.EscapedOpen => "{",
        Piece.EscapedClose => "}",
        Piece.EscapedHole => "{E" + index.ToString(CultureInfo.InvariantCulture) + "}",
        _ when hole < 0 => Text(piece, index),
        _ when hole >= args.Length => Text(piece, index),
        _ when args[hole] is Thrower => "<Thrower.ToString() threw InvalidOperationException>",
        Piece.HoleAligned => string.Format(CultureInfo.InvariantCulture, "{0,6}", args[hole]),
        Piece.HoleFormatted => string.Format(CultureInfo.InvariantCulture, "{0:D5}", args[hole]),
        Piece.HoleAlignedFormatted => string.Format(CultureInfo.InvariantCulture, "{0,-6:X}", args[hole]),
        _ => string.Format(CultureInfo.InvariantCulture, "{0}", args[hole]),
    };

    private OneRecordInEverySink.Seen Log(string template, object?[] args, Call call, bool enqueue) =>
        OneRecordInEverySink.Log(_folder, enqueue, call == Call.BeginScope ? "{scopes}" : "{message}", logger =>
        {
            switch (call)
            {
                case Call.BeginScope:
                    using (logger.BeginScope(template, args))
                    {
                        logger.LogInformation("inside");
                    }

                    break;
                case Call.LogInformation:
                    logger.LogInformation(template, args);
                    break;
                case Call.Success:
                    logger.Success(template, args);
                    break;
                default:
                    logger.Log("WARNING", template, args);
                    break;
            }
        },
        formatSyslog: call == Call.BeginScope);

    private sealed class Thrower
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }
}
