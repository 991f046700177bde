using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace LoguStyle.Tests.Api;

/// <summary>The rule that names a hole of an interpolated message after its expression (docs/api.md#interpolated-messages).</summary>
public class PropertyNamesTests
{
    private const int Runs = 2_000;

    // Pieces of C# expressions, so generated texts are mostly expression-like (calls, literals, operators, nesting).
    private static readonly string[] Pieces =
    [
        "a", "user", "Id", "this", "base", ".", "?.", "!", "(", ")", "[", "]", "0", "42", "\"", "\"text\"", "@\"a\"\"b\"", "'x'",
        "'\\''", "\"\"\"raw\"\"\"", "+", " ", "?", ":", "??", "new", "<int>", "_", "é", "٣", "@", "$", "{", "}", ",", "\\", "\t",
    ];

    private static Arbitrary<string> ExpressionLike { get; } =
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts)).ToArbitrary();

    [Theory]
    [InlineData("count", "count")]
    [InlineData("Count", "Count")]
    [InlineData("user.Id", "userId")]
    [InlineData("order.Customer.Name", "orderCustomerName")]
    [InlineData("this.total", "total")]
    [InlineData("base.Name", "Name")]
    [InlineData("this", "this")]
    [InlineData("@class", "class")]
    [InlineData("GetTotal()", "GetTotal")]
    [InlineData("order.GetTotal(tax, \"EUR\")", "orderGetTotal")]
    [InlineData("order.Lines().Count", "orderLinesCount")]
    [InlineData("items[0]", "items")]
    [InlineData("items[i].Price", "itemsPrice")]
    [InlineData("a + b", "aB")]
    [InlineData("(a ? b : c)", "aBC")]
    [InlineData("user?.Name ?? \"none\"", "userName")]
    [InlineData("x!", "x")]
    [InlineData("_secret", "_secret")]
    [InlineData("\"text\"", "arg3")]
    [InlineData("'c'", "arg3")]
    [InlineData("@\"a \"\" b\"", "arg3")]
    [InlineData("\"\"\"raw \" text\"\"\"", "arg3")]
    [InlineData("42", "_42")]
    [InlineData("1 + x", "_1X")]
    [InlineData("", "arg3")]
    [InlineData(null, "arg3")]
    public void From_Expression_GivesTheDocumentedName(string? expression, string expected) =>
        Assert.Equal(expected, PropertyNames.From(expression, 3));

    [Property(MaxTest = Runs)]
    public Property AnyExpression_GivesAValidName() =>
        Prop.ForAll(ExpressionLike, expression => PropertyNames.IsValid(PropertyNames.From(expression, 0)));

    [Property(MaxTest = Runs)]
    public Property AnyString_GivesAValidName() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), expression => PropertyNames.IsValid(PropertyNames.From(expression, 1)));

    [Property(MaxTest = Runs)]
    public Property AnIdentifier_IsItsOwnName() =>
        Prop.ForAll(Identifier(), identifier => PropertyNames.From(identifier, 0) == identifier);

    [Property(MaxTest = Runs)]
    public Property AMemberAccess_JoinsTheNamesWithTheLaterOnesCapitalized() =>
        Prop.ForAll(Identifier(), Identifier(), (owner, member) =>
            owner is "this" or "base" ||
            PropertyNames.From(owner + "." + member, 0) == owner + char.ToUpperInvariant(member[0]) + member[1..]);

    private static Arbitrary<string> Identifier() =>
        Gen.Elements("abcxyzABCXYZ_é".ToCharArray())
            .SelectMany(first => Gen.ListOf(Gen.Elements("abcXYZ_019é".ToCharArray())).Select(rest => first + string.Concat(rest)))
            .ToArbitrary();
}
