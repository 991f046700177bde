using LoguStyle.Tool.Cli;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Tests;

public class ArgumentParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(new string[0], "a command is needed", "view, tail")]
    [InlineData(new[] { "show", "x" }, "'show' is not a command", "view, tail")]
    [InlineData(new[] { "view" }, "path is needed", "logu view logs/app.json")]
    [InlineData(new[] { "view", "a", "b" }, "one path only", "'b'")]
    [InlineData(new[] { "view", "x", "--level", "Verbose2" }, "--level: 'Verbose2' is not a level", "Trace, Debug, Information")]
    [InlineData(new[] { "view", "x", "--level" }, "--level needs a value", "Trace, Debug")]
    [InlineData(new[] { "view", "x", "--since", "yesterday-ish" }, "--since: 'yesterday-ish' is not a time", "2h")]
    [InlineData(new[] { "view", "x", "--until", "5 parsecs" }, "--until: '5 parsecs' is not a time", "2026-11-30T09:00")]
    [InlineData(new[] { "view", "x", "--since", "2026-11-30", "--until", "2026-11-29" }, "--since", "is after --until")]
    [InlineData(new[] { "view", "x", "--grep", "(" }, "--grep: '(' is not a regular expression", ".NET regular expression")]
    [InlineData(new[] { "view", "x", "--where", "OrderId" }, "--where: 'OrderId' is not a condition", "Name=value")]
    [InlineData(new[] { "view", "x", "--where", "=42" }, "--where: '=42' is not a condition", "Name=value")]
    [InlineData(new[] { "view", "x", "--format", "{nope}" }, "--format:", "template")]
    [InlineData(new[] { "view", "x", "--color", "sometimes" }, "--color: 'sometimes'", "auto, always, never")]
    [InlineData(new[] { "view", "x", "--color", "1" }, "--color: '1'", "auto, always, never")]
    [InlineData(new[] { "view", "x", "--json", "--format", "{message}" }, "--json", "no --format")]
    [InlineData(new[] { "view", "x", "--bogus" }, "'--bogus' is not an option", "--level, --category")]
    [InlineData(new[] { "view", "x", "-f" }, "-f belongs to 'logu tail'", "--level")]
    [InlineData(new[] { "tail", "x", "-n", "-3" }, "-n: '-3' is not a count", "0 or more")]
    [InlineData(new[] { "tail", "x", "--lines", "ten" }, "--lines: 'ten' is not a count", "0 or more")]
    public void Parse_BadArgument_OneLineNamingItAndWhatIsAccepted(string[] args, string names, string accepted)
    {
        var problem = Assert.Throws<ArgumentProblem>(() => ArgumentParser.Parse(args, Now));

        Assert.Contains(names, problem.Message, StringComparison.Ordinal);
        Assert.Contains(accepted, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Message);
        Assert.StartsWith("logu", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryOption_BeforeOrAfterThePath_SpacedOrWithEquals()
    {
        var parsed = ArgumentParser.Parse(
            ["tail", "--level=warn", "-f", "logs/app.json", "--category", "Shop", "--category=Billing", "--where", "Customer=Alice", "--where=Paid=true",
             "--grep", "fail(ed)?", "--since", "2h", "--until=2026-11-30T11:30:00Z", "--format", "{message}", "--color=never", "-n", "3"],
            Now);

        Assert.Equal(CommandKind.Tail, parsed.Command);
        Assert.Equal("logs/app.json", parsed.Path);
        Assert.True(parsed.Follow);
        Assert.Equal(3, parsed.Lines);
        Assert.Equal(LogLevel.Warning, parsed.Filter.MinimumLevel);
        Assert.Equal(["Shop", "Billing"], parsed.Filter.Categories);
        Assert.Equal([new("Customer", "Alice"), new("Paid", "true")], parsed.Filter.Where);
        Assert.Equal("fail(ed)?", parsed.Filter.Grep!.ToString());
        Assert.Equal(Now.AddHours(-2), parsed.Filter.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 30, 0, TimeSpan.Zero), parsed.Filter.Until);
        Assert.Equal("{message}", parsed.Format);
        Assert.Equal(ColorMode.Never, parsed.Color);
    }

    [Theory]
    [InlineData("2h", 2 * 60)]
    [InlineData("30min", 30)]
    [InlineData("1 day, 6 hours", 30 * 60)]
    [InlineData("1h 30min", 90)]
    public void Parse_SinceDuration_IsThatLongBeforeNow(string text, int minutes)
    {
        Assert.Equal(Now.AddMinutes(-minutes), ArgumentParser.Parse(["view", "x", "--since", text], Now).Filter.Since);
    }

    [Theory]
    [InlineData("2026-11-30T09:00:00+01:00", "2026-11-30T08:00:00Z")]
    [InlineData("2026-11-30 09:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("2026-11-30T09:00:00.5-02:00", "2026-11-30T11:00:00.5Z")]
    public void Parse_SinceTime_WithOffset_IsThatInstant(string text, string instant)
    {
        var expected = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, ArgumentParser.Parse(["view", "x", "--since", text], Now).Filter.Since);
    }

    [Fact]
    public void Parse_SinceTime_WithoutOffset_IsLocalTime()
    {
        var since = ArgumentParser.Parse(["view", "x", "--since", "2026-11-30T09:00"], Now).Filter.Since!.Value;

        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0), since.DateTime);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 11, 30, 9, 0, 0)), since.Offset);
    }

    [Theory]
    [InlineData("trace", LogLevel.Trace)]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("Info", LogLevel.Information)]
    [InlineData("information", LogLevel.Information)]
    [InlineData("success", LogLevel.Information)]
    [InlineData("Warn", LogLevel.Warning)]
    [InlineData("WARNING", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    [InlineData("Fatal", LogLevel.Critical)]
    [InlineData("critical", LogLevel.Critical)]
    [InlineData("verbose", LogLevel.Trace)]
    public void Parse_Level_TakesEachFormatsNamesIgnoringCase(string text, LogLevel level)
    {
        Assert.Equal(level, ArgumentParser.Parse(["view", "x", "--level", text], Now).Filter.MinimumLevel);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Parse_Help_AnywhereAsks(string help)
    {
        Assert.Equal(CommandKind.Help, ArgumentParser.Parse([help], Now).Command);
        Assert.Equal(CommandKind.Help, ArgumentParser.Parse(["view", "x", "--level", "Info", "--help"], Now).Command);
    }
}
