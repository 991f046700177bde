using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A <c>[LoggerMessage]</c> call of up to six values (the generator's <c>LoggerMessage.Define</c>, whose state is MEL's
/// <c>LogValues</c>) is written from its template and values straight into each sink, not from MEL's formatter's
/// string: the message must still be MEL's to the character, in every sink kind, direct and enqueued, under a culture
/// that is not the invariant one (MEL formats with the invariant culture).
/// </summary>
public sealed class LoggerMessageStateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // Literal text around the holes: braces escaped MEL's way, quotes, a backslash, non-ASCII.
    private static readonly Gen<string> Literal = Gen.Elements("", " ", "x=", " {{", "}} ", "{{}}", "\"q\"", "\\", "Grüße ", "😀", " | ");

    // A hole's alignment and format, each valid for every value below (a format a type does not know is written as
    // itself by that type, or ignored by one that is not IFormattable).
    private static readonly Gen<string> Shape = Gen.Elements("", ",6", ",-5", ":G", ",8:G", ":0", ":yyyy");

    private static readonly Gen<object?> Value = Gen.Elements<object?>(
        null, 42, -7L, 12.345m, 2.5, 1e300, double.NaN, "quote { } \"", "Grüße", "", 'x', true,
        new DateTime(2026, 12, 6, 1, 2, 3, 456), new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.FromHours(-5)),
        TimeSpan.FromMilliseconds(1234), new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), new[] { 1, 2 },
        new List<string?> { "a", null }, Array.Empty<int>(), LogLevel.Warning);

    private static Arbitrary<(string Template, object?[] Values, bool Enqueue)> Calls { get; } =
        (from count in Gen.Choose(0, 3)
         from literals in Gen.ArrayOf(Literal, count + 1)
         from shapes in Gen.ArrayOf(Shape, count)
         from values in Gen.ArrayOf(Value, count)
         from enqueue in Gen.Elements(false, true)
         select (Template(literals, shapes), values, enqueue)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property AnyTemplateAndValues_EverySinkWritesMelsMessage_DirectAndEnqueued() =>
        Prop.ForAll(Calls, call =>
        {
            var culture = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                var log = Define(call.Template, call.Values.Length);
                var what = $"{call.Template} <- [{string.Join(", ", call.Values.Select(v => v?.GetType().Name ?? "null"))}], enqueue {call.Enqueue}";
                var expected = MelsMessage(logger => log(logger, call.Values));
                var seen = OneRecordInEverySink.Log(_folder, call.Enqueue, "{message}", logger => log(logger, call.Values));
                if (expected is null)
                {
                    // A format the value's type refuses: MEL's formatter throws. Still one record in every sink (the
                    // helper reads exactly one of each), with the template's text before the refused hole.
                    Assert.True(seen.TextFile.Length > 0, what);
                    foreach (var (format, message) in seen.JsonMessages())
                    {
                        Assert.True(message == seen.TextFile, $"{format} ({what}): {message} (text file: {seen.TextFile})");
                    }
                }
                else
                {
                    seen.AssertMessage(expected, what);
                }
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AValueWhoseToStringThrows_IsOneReadableRecordInEverySink_AndTheCallDoesNotThrow(bool enqueue)
    {
        var log = LoggerMessage.Define<int, object>(LogLevel.Information, 1, "before {Count} then {Bad} after");
        var seen = OneRecordInEverySink.Log(_folder, enqueue, "{message}", logger => log(logger, 7, new ThrowsOnToString(), null));
        Assert.StartsWith("before 7 then ", seen.TextFile, StringComparison.Ordinal);
        Assert.Contains("ToString", seen.TextFile, StringComparison.Ordinal);
        foreach (var (format, message) in seen.JsonMessages())
        {
            Assert.True(message == seen.TextFile, $"{format}: {message} (text file: {seen.TextFile})");
        }
    }

    [Fact]
    public void TheGeneratorsSourceState_OfTheBenchmarksCall_IsWrittenAsMelsMessage()
    {
        var log = LoggerMessage.Define<int, int, decimal>(LogLevel.Information, 1, "User {UserId} bought {Count} items for {Price}");
        var expected = MelsMessage(logger => log(logger, 1234, 3, 29.97m, null));
        Assert.Equal("User 1234 bought 3 items for 29.97", expected);
        OneRecordInEverySink.Log(_folder, enqueue: false, "{message}", logger => log(logger, 1234, 3, 29.97m, null)).AssertMessage(expected!, "direct");
        OneRecordInEverySink.Log(_folder, enqueue: true, "{message}", logger => log(logger, 1234, 3, 29.97m, null)).AssertMessage(expected!, "enqueued");
    }

    private static string Template(string[] literals, string[] shapes)
    {
        var names = new[] { "A", "B", "C" };
        var text = "m" + literals[0]; // never empty: an empty line is not what this test is about
        for (var i = 0; i < shapes.Length; i++)
        {
            text += "{" + names[i] + shapes[i] + "}" + literals[i + 1];
        }

        return text;
    }

    // LoggerMessage.Define of as many values as the template has holes: the state the generator makes for such a method.
    private static Action<ILogger, object?[]> Define(string template, int count) => count switch
    {
        0 => WithNone(LoggerMessage.Define(LogLevel.Information, 1, template)),
        1 => WithOne(LoggerMessage.Define<object?>(LogLevel.Information, 1, template)),
        2 => WithTwo(LoggerMessage.Define<object?, object?>(LogLevel.Information, 1, template)),
        _ => WithThree(LoggerMessage.Define<object?, object?, object?>(LogLevel.Information, 1, template)),
    };

    private static Action<ILogger, object?[]> WithNone(Action<ILogger, Exception?> log) => (logger, _) => log(logger, null);

    private static Action<ILogger, object?[]> WithOne(Action<ILogger, object?, Exception?> log) => (logger, v) => log(logger, v[0], null);

    private static Action<ILogger, object?[]> WithTwo(Action<ILogger, object?, object?, Exception?> log) => (logger, v) => log(logger, v[0], v[1], null);

    private static Action<ILogger, object?[]> WithThree(Action<ILogger, object?, object?, object?, Exception?> log) => (logger, v) => log(logger, v[0], v[1], v[2], null);

    // What MEL's own formatter makes of the call's state (the message every MEL provider writes); null when it throws.
    private static string? MelsMessage(Action<ILogger> log)
    {
        using var mel = new CapturingLoggerProvider();
        try
        {
            log(mel.CreateLogger("mel"));
        }
        catch (FormatException)
        {
            return null;
        }

        return Assert.Single(mel.Calls).Message;
    }

    private sealed class ThrowsOnToString
    {
        public override string ToString() => throw new InvalidOperationException("no text");
    }
}
