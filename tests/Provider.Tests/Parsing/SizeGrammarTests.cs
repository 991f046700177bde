using LoguStyle.Parsing;

namespace LoguStyle.Tests.Parsing;

public class SizeGrammarTests
{
    [Theory]
    [InlineData("500 MB", 500_000_000L)]
    [InlineData("1.5 GiB", 1_610_612_736L)]
    [InlineData("64 KB", 64_000L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("10 b", 10L)]
    [InlineData("10 B", 10L)]
    [InlineData("2 tb", 2_000_000_000_000L)]
    [InlineData("1 TiB", 1_099_511_627_776L)]
    [InlineData("  7 mib ", 7_340_032L)]
    [InlineData("4096", 4096L)]
    [InlineData("0.5 KB", 500L)]
    public void Parse_ValidSize_ReturnsBytes(string text, long expected)
    {
        Assert.Equal(expected, SizeGrammar.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MB")]
    [InlineData("10 MBs")]
    [InlineData("10 mega")]
    [InlineData("-5 MB")]
    [InlineData("0 MB")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("1,5 MB")]
    [InlineData("1.2.3 MB")]
    [InlineData("99999999999999999999 TB")]
    [InlineData("1.5 B")]
    [InlineData("0.5 b")]
    public void Parse_InvalidSize_ThrowsQuotingTheValueAndGrammar(string text)
    {
        var ex = Assert.Throws<GrammarException>(() => SizeGrammar.Parse(text));

        Assert.Equal(text, ex.Value);
        Assert.StartsWith($"'{text}' is not a size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("KiB", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L, "1 B")]
    [InlineData(1000L, "1 KB")]
    [InlineData(1024L, "1 KiB")]
    [InlineData(500_000_000L, "500 MB")]
    [InlineData(1_610_612_736L, "1536 MiB")]
    [InlineData(1234L, "1234 B")]
    public void Format_Bytes_RoundTrips(long bytes, string expected)
    {
        Assert.Equal(expected, SizeGrammar.Format(bytes));
        Assert.Equal(bytes, SizeGrammar.Parse(SizeGrammar.Format(bytes)));
    }
}
