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
    [InlineData("(int)yy", "yy")]
    [InlineData("(int)(long)yy", "yy")]
    [InlineData("(double)(xx + 1)", "xx1")]
    [InlineData("(object)\"text\"", "arg3")]
    [InlineData("(int)-x", "x")]
    [InlineData("(int?)order.Total", "orderTotal")]
    [InlineData("(List<int>)items", "items")]
    [InlineData("(Dictionary<string, List<int>>)map", "map")]
    [InlineData("(global::System.Int32)n", "n")]
    [InlineData("(string[])names", "names")]
    [InlineData("((int, string))pair", "pair")]
    [InlineData("((int)x).Foo", "xFoo")]
    [InlineData("a * (double)b", "aB")]
    [InlineData("(Money)(price)", "price")]
    [InlineData("(a) + b", "aB")]
    [InlineData("(a)", "a")]
    [InlineData("(x, y)", "xY")]
    [InlineData("(T)-x", "TX")]
    [InlineData("f((int)x)", "f")]
    [InlineData("(a)is b", "aIsB")]
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

    [Property(MaxTest = Runs)]
    public Property ACast_NamesNothing_TheHoleIsNamedAfterWhatIsCast() =>
        Prop.ForAll(Casts().ToArbitrary(), Operand().ToArbitrary(), (casts, operand) =>
            PropertyNames.From(casts + operand, 2) == PropertyNames.From(operand, 2));

    // One to three casts in a row, to types of every shape: predefined, named, qualified, generic, tuple, with suffixes.
    private static Gen<string> Casts() =>
        Gen.ListOf(Gen.Elements(
                "int", "long", "double", "string", "object", "decimal", "Money", "System.Int32", "global::System.String",
                "List<int>", "Dictionary<string, List<int>>", "(int, string)", "(int Id, string Name)", "Outer.Inner<T>")
            .SelectMany(type => Gen.Elements("", "?", "[]", "[,]", "?[]", " ").Select(suffix => "(" + type + suffix + ")"))
            .SelectMany(cast => Gen.Elements("", " ").Select(space => cast + space)))
            .Where(casts => casts.Count is > 0 and < 4)
            .Select(casts => string.Concat(casts));

    // What is cast: names, member accesses, calls, indexes, literals, parenthesised expressions.
    private static Gen<string> Operand() =>
        Identifier().Generator.SelectMany(name => Gen.Elements(
            name, "this." + name, name + ".Total", name + ".Get(1, \"x\")", name + "[i].Price", "(" + name + " + 1)",
            "(" + name + " ? a : b)", "\"text\"", "42", "'c'", "(" + name + ")", "((long)" + name + ")"));

    private static Arbitrary<string> Identifier() =>
        Gen.Elements("abcxyzABCXYZ_é".ToCharArray())
            .SelectMany(first => Gen.ListOf(Gen.Elements("abcXYZ_019é".ToCharArray())).Select(rest => first + string.Concat(rest)))
            .ToArbitrary();
}
