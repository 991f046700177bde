using LoguStyle.Formatting;

namespace LoguStyle.Tests.Formatting;

public class TemplateParserTests
{
    [Theory]
    [InlineData("{lvl}", 0, "unknown token '{lvl}'")]
    [InlineData("ab {message", 3, "never closed with '}'")]
    [InlineData("{time:HH:mm:ss.f|{message}", 0, "not closed with '}' before the next '{' at position 17")]
    [InlineData("x {level {message}", 2, "not closed with '}' before the next '{' at position 9")]
    [InlineData("{time:yyyy{{MM}", 0, "not closed with '}' before the next '{' at position 10")]
    [InlineData("{message:{{x}}}", 0, "close it first: a token's format cannot contain a brace ('{{' and '}}' are literal braces outside tokens only)")]
    [InlineData("a } b", 2, "a lone '}'")]
    [InlineData("<red>{message}", 0, "the tag '<red>' is never closed")]
    [InlineData("<green>x</red>", 8, "does not match the open tag '<green>'")]
    [InlineData("x</>", 1, "no tag is open")]
    [InlineData("<purple>x</>", 0, "unknown tag '<purple>'")]
    [InlineData("<Red>x</>", 0, "unknown tag '<Red>'")]
    [InlineData("<fg #12345>x</>", 0, "unknown tag '<fg #12345>'")]
    [InlineData("a < b", 2, "never closed with '>'")]
    [InlineData("{level,x}", 0, "bad alignment 'x'")]
    [InlineData("{level,99999}", 0, "bad alignment '99999'")]
    [InlineData("{level:u4}", 0, "unknown level format 'u4'")]
    [InlineData("{message:x}", 0, "takes no format")]
    [InlineData("{time:}", 0, "empty format")]
    [InlineData("{eventid:Q}", 0, "format 'Q' that .NET rejects")]
    [InlineData("{elapsed:zz}", 0, "format 'zz' that .NET rejects")]
    public void Parse_BadTemplate_ThrowsWithSinkPositionAndProblem(string template, int position, string problem)
    {
        var ex = Assert.Throws<FormatTemplateException>(() => TemplateParser.Parse(template, "mysink"));

        Assert.Equal(position, ex.Position);
        Assert.Equal("mysink", ex.SinkName);
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
        Assert.Contains($"Sink 'mysink': format template error at position {position}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(template, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownToken_ListsAcceptedTokens()
    {
        var ex = Assert.Throws<FormatTemplateException>(() => TemplateParser.Parse("{msg}", "s"));

        Assert.Contains("{message}", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("{extra[Name]}", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTag_ListsAcceptedTags()
    {
        var ex = Assert.Throws<FormatTemplateException>(() => TemplateParser.Parse("<blink>x</>", "s"));

        Assert.Contains("<fg name|#rrggbb>", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TokenWithAlignmentAndFormat_KeepsBoth()
    {
        var elements = TemplateParser.Parse("{time,-30:HH:mm:ss}", "s");

        var token = Assert.IsType<TokenElement>(Assert.Single(elements));
        Assert.Equal(TokenKind.Time, token.Kind);
        Assert.Equal(-30, token.Alignment);
        Assert.Equal("HH:mm:ss", token.Format);
    }

    [Fact]
    public void Parse_ExtraToken_KeepsThePropertyName()
    {
        var token = Assert.IsType<TokenElement>(Assert.Single(TemplateParser.Parse("{extra[OrderId],6:D4}", "s")));

        Assert.Equal(TokenKind.Extra, token.Kind);
        Assert.Equal("OrderId", token.ExtraName);
        Assert.Equal(6, token.Alignment);
        Assert.Equal("D4", token.Format);
    }

    [Fact]
    public void Parse_EscapesAndBraces_BecomeOneLiteral()
    {
        var literal = Assert.IsType<LiteralElement>(Assert.Single(TemplateParser.Parse(@"{{a}} \<b> c", "s")));

        Assert.Equal("{a} <b> c", literal.Text);
    }

    [Fact]
    public void Validate_DefaultTemplate_IsAccepted()
    {
        FormatTemplate.Validate(FormatTemplate.Default);

        Assert.NotEmpty(TemplateParser.Parse(FormatTemplate.Default, "s"));
    }
}
