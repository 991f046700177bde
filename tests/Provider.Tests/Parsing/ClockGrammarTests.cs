using LoguStyle.Files;
using LoguStyle.Parsing;

namespace LoguStyle.Tests.Parsing;

public class ClockGrammarTests
{
    [Theory]
    [InlineData("00:00", "00:00:00")]
    [InlineData("13:30", "13:30:00")]
    [InlineData("7:05", "07:05:00")]
    [InlineData("13:30:15", "13:30:15")]
    [InlineData("3 PM", "15:00:00")]
    [InlineData("3:30 am", "03:30:00")]
    [InlineData("12 AM", "00:00:00")]
    [InlineData("12 PM", "12:00:00")]
    [InlineData("daily", "00:00:00")]
    [InlineData("DAILY", "00:00:00")]
    [InlineData("hourly", "hourly")]
    [InlineData("weekly", "monday at 00:00:00")]
    [InlineData("monthly", "monthly")]
    [InlineData("yearly", "yearly")]
    [InlineData("monday at 12:00", "monday at 12:00:00")]
    [InlineData("Sunday at 6 PM", "sunday at 18:00:00")]
    [InlineData("w0", "monday at 00:00:00")]
    [InlineData("w6", "sunday at 00:00:00")]
    [InlineData("w4 at 08:15", "friday at 08:15:00")]
    [InlineData("saturday", "saturday at 00:00:00")]
    [InlineData("00:00 UTC", "00:00:00 UTC")]
    [InlineData("monday at 12:00 utc", "monday at 12:00:00 UTC")]
    public void Parse_ClockForm_GivesTheSchedule(string text, string expected)
    {
        Assert.Equal(expected, ClockGrammar.Parse(text).ToString());
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("12:60")]
    [InlineData("w7")]
    [InlineData("funday")]
    [InlineData("monday at noon")]
    [InlineData("at 12:00")]
    [InlineData("UTC")]
    [InlineData("0 PM")]
    [InlineData("0 AM")]
    [InlineData("00:30 pm")]
    [InlineData("monday at 0 AM")]
    public void Parse_InvalidClock_ThrowsQuotingTheValueAndGrammar(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => ClockGrammar.Parse(text));

        Assert.StartsWith($"'{text}' is not a clock time", ex.Message, StringComparison.Ordinal);
        Assert.Contains("monday at 12:00", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500 MB", "500 MB")]
    [InlineData("1.5 GiB", "1536 MiB")]
    [InlineData("4096", "4 KiB")]
    [InlineData("1 week", "7 d")]
    [InlineData("12 h", "12 h")]
    [InlineData("00:00", "00:00:00")]
    [InlineData("monday at 12:00", "monday at 12:00:00")]
    [InlineData("daily", "00:00:00")]
    public void RotationParse_EachForm_GivesTheTypedCondition(string text, string expected)
    {
        Assert.Equal(expected, Rotation.Parse(text).ToString());
    }

    [Theory]
    [InlineData("500 MBs")]
    [InlineData("every day")]
    [InlineData("")]
    public void RotationParse_Invalid_ThrowsWithAllForms(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => Rotation.Parse(text));

        Assert.StartsWith($"'{text}' is not a rotation: a size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RotationAny_FlattensNestedConditions()
    {
        Rotation rotation = Rotation.Any("10 MB", Rotation.Any("00:00", "1 week"));

        Assert.Equal("10 MB, 00:00:00, 7 d", rotation.ToString());
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("10 days", "10 d")]
    [InlineData("1 week", "7 d")]
    public void RetentionParse_CountOrAge(string text, string expected)
    {
        Assert.Equal(expected, Retention.Parse(text).ToString());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("5 files")]
    [InlineData("0 GB")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    public void RetentionParse_Invalid_Throws(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => Retention.Parse(text));

        Assert.Contains("is not a retention", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gz", ".gz")]
    [InlineData("GZIP", ".gz")]
    [InlineData("zip", ".zip")]
    [InlineData("br", ".br")]
    [InlineData("brotli", ".br")]
    public void CompressionParse_KnownNames(string text, string extension)
    {
        Assert.Equal(extension, Compression.Parse(text).Extension);
    }

    [Theory]
    [InlineData("bz2")]
    [InlineData("xz")]
    [InlineData("tar.gz")]
    public void CompressionParse_Unknown_Throws(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => Compression.Parse(text));

        Assert.Equal($"'{text}' is not a compression: gz, zip or br", ex.Message);
    }
}
