using LoguStyle.Parsing;

namespace LoguStyle.Tests.Parsing;

public class DurationGrammarTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "10 days", TimeSpan.FromDays(10) },
        { "1 week, 3 days", TimeSpan.FromDays(10) },
        { "1h 30min", TimeSpan.FromMinutes(90) },
        { "1h30min", TimeSpan.FromMinutes(90) },
        { "500 ms", TimeSpan.FromMilliseconds(500) },
        { "2 seconds", TimeSpan.FromSeconds(2) },
        { "1 sec", TimeSpan.FromSeconds(1) },
        { "3 s", TimeSpan.FromSeconds(3) },
        { "1 minute", TimeSpan.FromMinutes(1) },
        { "2 hours", TimeSpan.FromHours(2) },
        { "1 d", TimeSpan.FromDays(1) },
        { "2 w", TimeSpan.FromDays(14) },
        { "1 month", TimeSpan.FromDays(30) },
        { "2 months", TimeSpan.FromDays(60) },
        { "1 y", TimeSpan.FromDays(365) },
        { "1 year", TimeSpan.FromDays(365) },
        { "1.5 h", TimeSpan.FromMinutes(90) },
        { "1 WEEK", TimeSpan.FromDays(7) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_ValidDuration_ReturnsTheSum(string text, TimeSpan expected)
    {
        Assert.Equal(expected, DurationGrammar.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("days")]
    [InlineData("10")]
    [InlineData("10 fortnights")]
    [InlineData("-1 day")]
    [InlineData("0 s")]
    [InlineData("1 day and 2 hours")]
    [InlineData("99999999999 years")]
    [InlineData("79228162514264337593543950335min")]
    [InlineData("99999999999999999999 y")]
    public void Parse_InvalidDuration_ThrowsQuotingTheValueAndGrammar(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => DurationGrammar.Parse(text));

        Assert.StartsWith($"'{text}' is not a duration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 week, 3 days", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(10_000L)]
    [InlineData(864_000_000_000L)]
    [InlineData(123_456_789_012L)]
    public void Format_Duration_RoundTrips(long ticks)
    {
        var duration = TimeSpan.FromTicks(ticks);

        Assert.Equal(duration, DurationGrammar.Parse(DurationGrammar.Format(duration)));
    }
}
