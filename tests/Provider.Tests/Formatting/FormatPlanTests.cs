using System.Diagnostics;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

public class FormatPlanTests
{
    private const string Esc = "\u001b";

    [Theory]
    [InlineData("{time}", "2026-11-24 09:10:00.123")]
    [InlineData("{time:yyyy-MM-ddTHH:mm:sszzz}", "2026-11-24T09:10:00+01:00")]
    [InlineData("{time:HH:mm}", "09:10")]
    [InlineData("{level}", "INFO")]
    [InlineData("{level,-8}|", "INFO    |")]
    [InlineData("{level,8}|", "    INFO|")]
    [InlineData("{level:u3}", "INF")]
    [InlineData("{level:icon}", "\u2139\uFE0F")]
    [InlineData("{category}", "Sample.Worker")]
    [InlineData("{category,15}", "  Sample.Worker")]
    [InlineData("{message}", "hello")]
    [InlineData("{eventid}", "1001")]
    [InlineData("{eventid:D6}", "001001")]
    [InlineData("{eventname}", "OrderPlaced")]
    [InlineData("{thread}", "7")]
    [InlineData("{thread,3}", "  7")]
    [InlineData("{process}", "4242")]
    [InlineData("{elapsed}", "00:00:01.5000000")]
    [InlineData("{elapsed:mm\\:ss\\.fff}", "00:01.500")]
    [InlineData("{traceid}", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("{spanid}", "00f067aa0ba902b7")]
    [InlineData("{{literal}}", "{literal}")]
    [InlineData("a{newline}b", "a\nb")]
    [InlineData("{exception}", "")]
    [InlineData("{scopes}", "")]
    [InlineData("{extra[Missing]}", "")]
    public void Render_Token_WritesTheRecordField(string template, string expected)
    {
        Assert.Equal(expected + "\n", Render.With(template, Render.Record()));
    }

    [Theory]
    [InlineData("{category}|{level}|{level:u3}|{level,-9}|{level,9}|{category,-14}|", "Odd\\x1Bname\\x07|WARNING|WRN|WARNING  |  WARNING|Odd\\x1Bname\\x07|")]
    [InlineData("{category,16}|{level:icon}", " Odd\\x1Bname\\x07|\u26A0\uFE0F")]
    public void Render_ThroughProvider_CategoryAndLevelAreEscapedAndAligned(string template, string expected)
    {
        // Through a real logger: the category's bytes are made once per logger and the level's once per template, and
        // must match what rendering the text each time gives.
        var lines = new List<string>();
        var sink = DelegateSinkOptions.ForText("t", lines.Add);
        sink.Format = template;
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
        {
            provider.CreateLogger("Odd\u001bname\u0007").LogWarning("m");
        }

        Assert.Equal(expected + "\n", Assert.Single(lines));
        Assert.Equal(expected + "\n", Render.With(template, Render.Record(level: LogLevel.Warning, category: "Odd\u001bname\u0007")));
    }

    [Theory]
    [InlineData(LogLevel.Trace, "TRACE", "TRC")]
    [InlineData(LogLevel.Debug, "DEBUG", "DBG")]
    [InlineData(LogLevel.Information, "INFO", "INF")]
    [InlineData(LogLevel.Warning, "WARNING", "WRN")]
    [InlineData(LogLevel.Error, "ERROR", "ERR")]
    [InlineData(LogLevel.Critical, "CRITICAL", "CRT")]
    public void Render_Level_UsesLoguruNames(LogLevel level, string name, string shortName)
    {
        Assert.Equal($"{name} {shortName}\n", Render.With("{level} {level:u3}", Render.Record(level: level)));
    }

    [Fact]
    public void Render_DefaultTemplate_IsLoguruLayout()
    {
        var text = Render.With(null, Render.Record(message: "User 42 bought 3 items"));

        Assert.Equal("2026-11-24 09:10:00.123 | INFO     | Sample.Worker - User 42 bought 3 items\n", text);
    }

    [Fact]
    public void Render_DefaultTemplateColored_WritesLoguruColours()
    {
        var text = Render.With(null, Render.Record(level: LogLevel.Warning), colored: true);

        Assert.Equal(
            $"{Esc}[32m2026-11-24 09:10:00.123{Esc}[0m | {Esc}[33;1mWARNING {Esc}[0m | {Esc}[36mSample.Worker{Esc}[0m - {Esc}[33;1mhello{Esc}[0m\n",
            text);
    }

    [Theory]
    [InlineData("<red>x</>", "[31mx", "[0m")]
    [InlineData("<light-blue>x</light-blue>", "[94mx", "[0m")]
    [InlineData("<RED>x</>", "[41mx", "[0m")]
    [InlineData("<bg light-green>x</>", "[102mx", "[0m")]
    [InlineData("<bold>x</>", "[1mx", "[0m")]
    [InlineData("<dim>x</>", "[2mx", "[0m")]
    [InlineData("<italic>x</>", "[3mx", "[0m")]
    [InlineData("<underline>x</>", "[4mx", "[0m")]
    [InlineData("<fg #ff8800>x</>", "[38;2;255;136;0mx", "[0m")]
    [InlineData("<bg #000010>x</>", "[48;2;0;0;16mx", "[0m")]
    [InlineData("<fg magenta>x</>", "[35mx", "[0m")]
    public void Render_Tag_WritesItsSgrSequence(string template, string open, string close)
    {
        Assert.Equal($"{Esc}{open}{Esc}{close}\n", Render.With(template, Render.Record(), colored: true));
    }

    [Fact]
    public void Render_CloseInnerTag_RestoresTheOuterStyle()
    {
        var text = Render.With("<red>a<bold>b</>c</>", Render.Record(), colored: true);

        Assert.Equal($"{Esc}[31ma{Esc}[1mb{Esc}[0m{Esc}[31mc{Esc}[0m\n", text);
    }

    [Theory]
    [InlineData(LogLevel.Trace, "36;1")]
    [InlineData(LogLevel.Debug, "34;1")]
    [InlineData(LogLevel.Information, "1")]
    [InlineData(LogLevel.Error, "31;1")]
    [InlineData(LogLevel.Critical, "41;1")]
    public void Render_LevelTag_UsesTheRecordLevelColour(LogLevel level, string sgr)
    {
        Assert.Equal($"{Esc}[{sgr}mx{Esc}[0m\n", Render.With("<level>x</level>", Render.Record(level: level), colored: true));
    }

    [Fact]
    public void Render_OnePlanForEveryLevel_LiteralsJoinedWithLevelNamesAndColoursStayPerLevel()
    {
        // Adjacent literals, level names and colour codes are joined into one run per level when compiled.
        var plan = FormatPlan.Compile("[<level>{level:u3}</level>] | {level} - {message}", "test", colored: true);
        (LogLevel Level, string Sgr, string Short, string Name)[] levels =
        [
            (LogLevel.Trace, "36;1", "TRC", "TRACE"), (LogLevel.Debug, "34;1", "DBG", "DEBUG"), (LogLevel.Information, "1", "INF", "INFO"),
            (LogLevel.Warning, "33;1", "WRN", "WARNING"), (LogLevel.Error, "31;1", "ERR", "ERROR"), (LogLevel.Critical, "41;1", "CRT", "CRITICAL"),
        ];

        foreach (var (level, sgr, shortName, name) in levels)
        {
            var buffer = new Utf8Buffer(256);
            plan.Render(Render.Record(level: level), buffer);
            Assert.Equal($"[{Esc}[{sgr}m{shortName}{Esc}[0m] | {name} - hello\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Fact]
    public void Render_NestedTagsAroundLiteralsAndLevel_RestoreTheOuterStyleWithinOneJoinedRun()
    {
        // "<red>a<level>b{level:u3}</level>c</red>": the close of <level> restores red in the middle of a joined run.
        var plan = FormatPlan.Compile("<red>a<level>b{level:u3}</level>c</red>{message}", "test", colored: true);
        foreach (var (level, sgr, shortName) in new[] { (LogLevel.Error, "31;1", "ERR"), (LogLevel.Debug, "34;1", "DBG") })
        {
            var buffer = new Utf8Buffer(256);
            plan.Render(Render.Record(level: level), buffer);
            Assert.Equal(
                $"{Esc}[31ma{Esc}[{sgr}mb{shortName}{Esc}[0m{Esc}[31mc{Esc}[0mhello\n",
                System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Fact]
    public void Render_LevelNoneOrOutOfRange_UsesTheLastLevelEntryOfTheJoinedRun()
    {
        // Levels past Critical (None, or a cast integer) take the last per-level entry, as before joining.
        var plan = FormatPlan.Compile("[{level:u3}] {message}", "test", colored: false);
        var none = new Utf8Buffer(64);
        plan.Render(Render.Record(level: LogLevel.None), none);
        var outOfRange = new Utf8Buffer(64);
        plan.Render(Render.Record(level: (LogLevel)42), outOfRange);

        Assert.Equal(System.Text.Encoding.UTF8.GetString(none.WrittenSpan), System.Text.Encoding.UTF8.GetString(outOfRange.WrittenSpan));
        Assert.EndsWith("] hello\n", System.Text.Encoding.UTF8.GetString(none.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ColoursOff_StripsMarkup()
    {
        var text = Render.With(@"<green>{level}</green> <fg #112233><bold>\<b></></> {message}", Render.Record(), colored: false);

        Assert.Equal("INFO <b> hello\n", text);
    }

    [Fact]
    public void Render_MarkupInMessageOrProperty_IsPrintedAsText()
    {
        var record = Render.Record(message: "<red>not a tag</> {level}", properties: [new("Name", "<bold>x</>")]);

        Assert.Equal("<red>not a tag</> {level} <bold>x</>\n", Render.With("<cyan>{message}</> {extra[Name]}", record, colored: true).Replace($"{Esc}[36m", "", StringComparison.Ordinal).Replace($"{Esc}[0m", "", StringComparison.Ordinal));
        Assert.Equal("<red>not a tag</> {level} <bold>x</>\n", Render.With("<cyan>{message}</> {extra[Name]}", record, colored: false));
    }

    [Fact]
    public void Render_ControlCharactersInMessage_AreEscaped()
    {
        var record = Render.Record(message: $"a{Esc}[2Jb\rc\u0007d\u009be\tf\ng\r\nh\0");

        var text = Render.With("{message}", record, colored: true);

        Assert.Equal("a\\x1B[2Jb\\x0Dc\\x07d\\u009Be\tf\ng\r\nh\\x00\n", text);
        Assert.DoesNotContain(Esc, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Unicode's format characters are not control characters: a right-to-left override (U+202E), the other bidi
    /// controls and zero-width characters are written as they are (docs/configuration.md#safety says so).
    /// </summary>
    [Fact]
    public void Render_BidiControlsAndOtherFormatCharacters_AreWrittenAsTheyAre()
    {
        const string message = "a\u202Eb\u202Ac\u2066d\u2069e\u200Ff\u200Bg\u061Ch";

        Assert.Equal(message + "\n", Render.With("{message}", Render.Record(message: message), colored: true));
    }

    [Fact]
    public void Render_ControlCharactersInPropertiesCategoryAndScopes_AreEscaped()
    {
        var record = Render.Record(category: $"Cat{Esc}", properties: [new("P", $"v{Esc}[31m")], scopes: [$"s{Esc}"]);

        var text = Render.With("{category} {extra[P]} {scopes}", record);

        Assert.Equal("Cat\\x1B v\\x1B[31m s\\x1B\n", text);
    }

    [Fact]
    public void Render_LoneSurrogate_BecomesReplacementCharacter()
    {
        var text = Render.With("{message}", Render.Record(message: "a\ud800b"));

        Assert.Equal("a\uFFFDb\n", text);
    }

    [Fact]
    public void Render_Exception_FollowsTheRecordOnItsOwnLines()
    {
        var ex = CaughtException();

        var text = Render.With("{message}", Render.Record(exception: ex));

        Assert.StartsWith("hello\nSystem.InvalidOperationException: boom\n", text, StringComparison.Ordinal);
        Assert.Contains("CaughtException", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExceptionToken_PlacesTheExceptionOnce()
    {
        var text = Render.With("{message}{exception} [end]", Render.Record(exception: CaughtException()));

        Assert.Equal(1, text.Split("InvalidOperationException").Length - 1);
        Assert.EndsWith(" [end]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExceptionWithInner_ShowsTheChain()
    {
        var ex = new InvalidOperationException("outer", new ArgumentException("inner"));

        var text = Render.With("{message}", Render.Record(exception: ex));

        Assert.Contains("outer", text, StringComparison.Ordinal);
        Assert.Contains("System.ArgumentException: inner", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Scopes_LikeMelConsole()
    {
        var scopes = new object?[] { "Request 7", new Dictionary<string, object?> { ["OrderId"] = 42, ["User"] = "ann" }, null };

        var text = Render.With("{scopes}", Render.Record(scopes: scopes));

        Assert.Equal("Request 7 => OrderId=42, User=ann => (null)\n", text);
    }

    [Fact]
    public void Render_Extra_ReadsPropertiesThenInnermostScope()
    {
        var record = Render.Record(
            properties: [new("UserId", 42), new("Price", 9.5m)],
            scopes: [new Dictionary<string, object?> { ["OrderId"] = 1 }, new Dictionary<string, object?> { ["OrderId"] = 2, ["UserId"] = 0 }]);

        var text = Render.With("{extra[UserId]} {extra[OrderId]} {extra[Price]:F2} {extra[UserId],5:D3}", record);

        Assert.Equal("42 2 9.50   042\n", text);
    }

    [Fact]
    public void Render_ExtraWhoseToStringThrows_WritesAMarker()
    {
        var record = Render.Record(properties: [new("Bad", new ThrowingToString()), new("Null", null)]);

        var text = Render.With("{extra[Bad]} {extra[Null]}", record);

        Assert.Equal("<ThrowingToString.ToString() threw InvalidOperationException> (null)\n", text);
    }

    [Fact]
    public void Compile_TemplateWithScopesOrExtra_ReportsThatItUsesScopes()
    {
        Assert.True(FormatPlan.Compile("{scopes}", "s", false).UsesScopes);
        Assert.True(FormatPlan.Compile("{extra[A]}", "s", false).UsesScopes);
        Assert.False(FormatPlan.Compile(null, "s", false).UsesScopes);
    }

    [Fact]
    public void Render_TraceIdFromActivity_ComesThroughTheProvider()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var records = new List<LogRecord>();
        var options = new LoguStyleLoggerOptions { Sinks = { new LoguStyle.DelegateSinkOptions("d", records.Add) } };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("x");
        }

        var record = Assert.Single(records);
        Assert.Equal(activity.TraceId.ToHexString(), record.TraceId);
        Assert.Equal(activity.SpanId.ToHexString(), record.SpanId);
    }

    private static InvalidOperationException CaughtException()
    {
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no");
    }
}
