using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

#pragma warning disable CA1848, CA2254 // The template API with generated templates is what is under test.

/// <summary>
/// A template MEL cannot parse, given to <c>Success</c> or <c>Log("NAME", ...)</c>, is written with the properties that
/// can be recovered (issue 20, the record of D3 had none): each hole that parses on its own (<c>{Name}</c>,
/// <c>{Name,5}</c>, <c>{Name:x}</c>) takes the next argument under its name, the arguments left over are named by their
/// position (<c>arg0</c>, as an interpolated hole without a name), and every sink kind shows them: text
/// <c>{extra[Name]}</c>, the properties of every JsonFormat, syslog's structured data and a delegate's record.
/// </summary>
public sealed partial class BadTemplatePropertiesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private enum Piece
    {
        Text,
        Hole,
        HoleWithAlignment,
        HoleWithFormat,
        EscapedOpen,
        EscapedClose,
        StrayOpen,
        StrayClose,
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Success_StrayClosingBraceBeforeAHole_TheHoleKeepsItsName_ALeftOverArgumentIsNamedByItsPosition()
    {
        var seen = Log("x}y {A}", [1, 2], viaSuccess: true, enqueue: false);

        seen.AssertHas(new() { ["A"] = "1", ["arg1"] = "2" }, "x}y {A}");
    }

    [Fact]
    public void LogByName_AnUnclosedHole_HasNoName_ItsArgumentIsNamedByItsPosition()
    {
        var seen = Log("{A", [5], viaSuccess: false, enqueue: true);

        seen.AssertHas(new() { ["arg0"] = "5" }, "{A");
    }

    [Property(MaxTest = 60)]
    public Property AnyTemplateWithStrayBraces_EverySinkKind_HasTheRecoveredProperties() =>
        Prop.ForAll(Templates().ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), (pieces, argCount, how) =>
        {
            var (viaSuccess, enqueue) = ((how & 1) != 0, (how & 2) != 0);
            var (template, names) = Build(pieces);
            if (!MelRejects(template))
            {
                return true; // not a template this path is for (a stray '{' MEL reads as part of a name)
            }

            var args = Enumerable.Range(0, argCount).Select(i => (object?)(100 + i)).ToArray();
            var expected = new Dictionary<string, string>();
            for (var i = 0; i < args.Length; i++)
            {
                expected[i < names.Count ? names[i] : "arg" + i.ToString(CultureInfo.InvariantCulture)] = (100 + i).ToString(CultureInfo.InvariantCulture);
            }

            Log(template, args, viaSuccess, enqueue).AssertHas(expected, $"{template} with {argCount} argument(s), {(viaSuccess ? "Success" : "Log(\"WARNING\")")}, enqueue {enqueue}");
            return true;
        });

    [Property(MaxTest = 40)]
    public Property RepeatedHoleNames_AndAHoleNamedLikeAPosition_EveryJsonFormatHasUniqueKeys_NoValueLost() =>
        Prop.ForAll(
            Gen.Elements("{A}", "{arg0}", "{arg1}", "}", "x").ListOf().Where(p => p.Count is > 0 and <= 8 && p.Contains("}")).ToArbitrary(),
            Gen.Choose(0, 5).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (pieces, argCount, enqueue) =>
            {
                var template = string.Join(' ', pieces);
                var args = Enumerable.Range(0, argCount).Select(i => (object?)(100 + i)).ToArray();
                var seen = Log(template, args, viaSuccess: true, enqueue).All;

                // Each line parsed with repeated names refused; OTel's attributes are a list: their keys are checked here.
                foreach (var (format, names) in seen.JsonPropertyNames())
                {
                    Assert.True(names.Length == names.Distinct(StringComparer.Ordinal).Count(), $"{format} ({template}, {argCount}): {string.Join(',', names)}");
                    var recovered = names.Where(n => RecoveredName().IsMatch(n)).ToArray();
                    Assert.True(recovered.Length == argCount, $"{format} ({template}, {argCount}): {string.Join(',', names)}");
                }

                return true;
            });

    // Pieces joined by a space, so no two braces of different pieces meet. A stray '{' is followed by a piece that
    // starts with '{' (or by nothing), so it never pairs with a later '}': which holes parse is then known by the pieces.
    private static Gen<Piece[]> Templates() =>
        Gen.Elements(Enum.GetValues<Piece>()).ListOf()
            .Where(pieces => pieces.Count is > 0 and <= 8 && pieces.Any(p => p is Piece.StrayOpen or Piece.StrayClose))
            .Select(pieces =>
            {
                var fixedUp = pieces.ToArray();
                for (var i = 0; i < fixedUp.Length - 1; i++)
                {
                    if (fixedUp[i] == Piece.StrayOpen && fixedUp[i + 1] is not (Piece.Hole or Piece.HoleWithAlignment or Piece.HoleWithFormat or Piece.EscapedOpen or Piece.StrayOpen))
                    {
                        fixedUp[i] = Piece.StrayClose;
                    }
                }

                return fixedUp;
            });

    private static (string Template, List<string> Names) Build(Piece[] pieces)
    {
        var names = new List<string>();
        var parts = new List<string>();
        foreach (var piece in pieces)
        {
            var name = "H" + names.Count.ToString(CultureInfo.InvariantCulture);
            parts.Add(piece switch
            {
                Piece.Text => "x y",
                Piece.Hole => "{" + name + "}",
                Piece.HoleWithAlignment => "{" + name + ",5}",
                Piece.HoleWithFormat => "{" + name + ":D3}",
                Piece.EscapedOpen => "{{",
                Piece.EscapedClose => "}}",
                Piece.StrayOpen => "{",
                _ => "}",
            });
            if (piece is Piece.Hole or Piece.HoleWithAlignment or Piece.HoleWithFormat)
            {
                names.Add(name);
            }
        }

        return (string.Join(' ', parts), names);
    }

    // Whether MEL's own LogInformation refuses the template (its state throws FormatException when it is built).
    private static bool MelRejects(string template)
    {
        try
        {
            EnabledLogger.Instance.LogInformation(template, 1);
            return false;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    // Logs one call to every sink kind, all direct or all enqueued; the console and text file show {extra[...]} of
    // every name a case may expect.
    private Seen Log(string template, object?[] args, bool viaSuccess, bool enqueue)
    {
        var names = Enumerable.Range(0, 6).Select(i => "H" + i.ToString(CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, 6).Select(i => "arg" + i.ToString(CultureInfo.InvariantCulture))).Append("A").ToArray();
        var seen = OneRecordInEverySink.Log(_folder, enqueue, "|" + string.Join('|', names.Select(n => n + "={extra[" + n + "]}")), logger =>
        {
            if (viaSuccess)
            {
                logger.Success(template, args);
            }
            else
            {
                logger.Log("WARNING", template, args);
            }
        });
        return new Seen(names, seen);
    }

    private sealed record Seen(string[] Names, OneRecordInEverySink.Seen All)
    {
        public void AssertHas(Dictionary<string, string> expected, string what)
        {
            // Text: every name the format asks for shows its value or nothing, on the console and in the text file.
            Assert.Equal(All.Console, All.TextFile);
            var shown = All.Console.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            foreach (var name in Names)
            {
                Assert.True(expected.GetValueOrDefault(name, string.Empty) == shown[name], $"text {name}='{shown[name]}' ({what}): {All.Console}");
            }

            foreach (var (format, line) in All.Json)
            {
                var properties = Properties(format, line);
                Assert.True(Names.All(n => expected.GetValueOrDefault(n) == properties.GetValueOrDefault(n)), $"{format} ({what}): {line.GetRawText()}");
            }

            foreach (var name in Names)
            {
                var param = expected.TryGetValue(name, out var value) ? $" {name}=\"{value}\"" : $" {name}=\"";
                Assert.True(expected.ContainsKey(name) == All.Syslog.Contains(param, StringComparison.Ordinal), $"syslog {name} ({what}): {All.Syslog}");
            }

            var kept = All.Record.Properties.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture));
            Assert.True(expected.Count == kept.Count && expected.All(p => kept.GetValueOrDefault(p.Key) == p.Value),
                $"delegate ({what}): {string.Join(',', kept)}");

            // No template: the one MEL refused would make a reader that renders it stumble too (with any number of
            // arguments, none included, where MEL did not try to parse it).
            Assert.True(All.Record.Template is null, $"delegate template ({what}): {All.Record.Template}");
            foreach (var (format, written) in All.JsonTemplates())
            {
                Assert.True(written is null, $"{format} template ({what}): {written}");
            }
        }

        // The record's own properties in each format: LoguStyle's props, Clef's top level, Ecs's logustyle.props, Otel's attributes.
        private static Dictionary<string, string> Properties(JsonFormat format, JsonElement line) => format switch
        {
            JsonFormat.Clef => line.EnumerateObject().Where(p => !p.Name.StartsWith('@')).ToDictionary(p => p.Name, p => p.Value.GetRawText()),
            JsonFormat.Ecs => line.TryGetProperty("logustyle", out var custom) && custom.TryGetProperty("props", out var props)
                ? props.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText())
                : [],
            JsonFormat.Otel => line.TryGetProperty("attributes", out var attributes)
                ? attributes.EnumerateArray()
                    .Select(a => (Key: a.GetProperty("key").GetString()!, Value: a.GetProperty("value")))
                    .Where(a => !a.Key.StartsWith("logustyle.", StringComparison.Ordinal))
                    .ToDictionary(a => a.Key, a => a.Value.TryGetProperty("intValue", out var number) ? number.GetString()! : a.Value.GetRawText())
                : [],
            _ => line.TryGetProperty("props", out var own) ? own.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText()) : [],
        };
    }

    // An enabled logger that writes nothing: MEL's LogInformation builds its state (and throws for a bad template) first.
    private sealed class EnabledLogger : ILogger
    {
        public static readonly EnabledLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }

    [GeneratedRegex("^(A|arg[0-9]+)(_[0-9]+)?$")]
    private static partial Regex RecoveredName();
}
