using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
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
public sealed class BadTemplatePropertiesTests : IDisposable
{
    private static readonly JsonFormat[] Formats = Enum.GetValues<JsonFormat>();
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

    // Logs one call to a console ({extra[...]} of every expected name), a JSON file per format, a UDP syslog sink and
    // a delegate sink, all direct or all enqueued, through a real provider.
    private Seen Log(string template, object?[] args, bool viaSuccess, bool enqueue)
    {
        var run = Guid.NewGuid().ToString("N");
        var console = new MemoryConsole();
        var records = new ConcurrentQueue<LogRecord>();
        using var syslog = new UdpReceiver();
        var names = Enumerable.Range(0, 6).Select(i => "H" + i.ToString(CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, 6).Select(i => "arg" + i.ToString(CultureInfo.InvariantCulture))).Append("A").ToArray();
        var consoleSink = console.Sink(format: "|" + string.Join('|', names.Select(n => n + "={extra[" + n + "]}")), colorize: ColorMode.Never);
        consoleSink.Enqueue = enqueue;
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                consoleSink,
                new SyslogSinkOptions("syslog") { Host = "127.0.0.1", Port = syslog.Port, Enqueue = enqueue },
                new DelegateSinkOptions("records", records.Enqueue) { Enqueue = enqueue },
            },
        };
        foreach (var format in Formats)
        {
            options.Sinks.Add(new FileSinkOptions(_folder.File($"{run}.{format}.json")) { Serialize = true, JsonFormat = format, Enqueue = enqueue });
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            if (viaSuccess)
            {
                logger.Success(template, args);
            }
            else
            {
                logger.Log("WARNING", template, args);
            }
        }

        Assert.True(SpinWait.SpinUntil(() => syslog.Messages.Count >= 1, TimeSpan.FromSeconds(10)), "no syslog message");
        var json = Formats.ToDictionary(f => f, f =>
        {
            using var document = JsonDocument.Parse(File.ReadAllLines(_folder.File($"{run}.{f}.json")).Single());
            return document.RootElement.Clone();
        });
        return new Seen(names, console.Lines.Single().TrimEnd('\r'), json, syslog.Messages.Single(), records.Single());
    }

    private sealed record Seen(string[] Names, string Text, Dictionary<JsonFormat, JsonElement> Json, string Syslog, LogRecord Record)
    {
        public void AssertHas(Dictionary<string, string> expected, string what)
        {
            // Text: every name the format asks for shows its value or nothing.
            var shown = Text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            foreach (var name in Names)
            {
                Assert.True(expected.GetValueOrDefault(name, string.Empty) == shown[name], $"text {name}='{shown[name]}' ({what}): {Text}");
            }

            foreach (var (format, line) in Json)
            {
                var properties = Properties(format, line);
                Assert.True(Names.All(n => expected.GetValueOrDefault(n) == properties.GetValueOrDefault(n)), $"{format} ({what}): {line.GetRawText()}");
            }

            foreach (var name in Names)
            {
                var param = expected.TryGetValue(name, out var value) ? $" {name}=\"{value}\"" : $" {name}=\"";
                Assert.True(expected.ContainsKey(name) == Syslog.Contains(param, StringComparison.Ordinal), $"syslog {name} ({what}): {Syslog}");
            }

            var kept = Record.Properties.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture));
            Assert.True(expected.Count == kept.Count && expected.All(p => kept.GetValueOrDefault(p.Key) == p.Value),
                $"delegate ({what}): {string.Join(',', kept)}");
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
}
