namespace LoguStyle.Tests.Api;

/// <summary>The walk's tuples (issue 18's review): their items' names are made once, and their text and names are as before.</summary>
public sealed class NestedObjectTests
{
    [Fact]
    public void Of_ATuple_NamesItsItemsWithTheSameStrings_OnEveryWalk()
    {
        var first = Assert.IsType<NestedObject>(NestedObject.Of((1, "a"), 1));
        var second = Assert.IsType<NestedObject>(NestedObject.Of((2, "b"), 1));

        Assert.Equal(["Item1", "Item2"], first.Select(p => p.Key));
        Assert.Same(first[0].Key, second[0].Key);
        Assert.Same(first[1].Key, second[1].Key);
    }

    [Fact]
    public void Of_ATupleOfMoreThanSevenOrTwentyItems_NamesThemInOrder_AndReadsAsItsOwnText()
    {
        var ten = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var walked = Assert.IsType<NestedObject>(NestedObject.Of(ten, 1));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"Item{n}"), walked.Select(p => p.Key));
        Assert.Equal(ten.ToString(), walked.ToString());

        // Past the twenty names made once, a name is made as before.
        var many = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22);
        var longer = Assert.IsType<NestedObject>(NestedObject.Of(many, 1));
        Assert.Equal(Enumerable.Range(1, 22).Select(n => $"Item{n}"), longer.Select(p => p.Key));
        Assert.Equal(many.ToString(), longer.ToString());
    }
}
