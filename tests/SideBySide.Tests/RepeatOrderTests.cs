namespace LoguStyle.SideBySide.Tests;

public sealed class RepeatOrderTests
{
    [Fact]
    public void Of_TheFirstRoundRunsTheSetupsAsGiven_EachLaterRoundTurnsThemByOnePlace()
    {
        string[] setups = ["a", "b", "c"];

        Assert.Equal(["a", "b", "c"], RepeatOrder.Of(setups, 0));
        Assert.Equal(["b", "c", "a"], RepeatOrder.Of(setups, 1));
        Assert.Equal(["c", "a", "b"], RepeatOrder.Of(setups, 2));
        Assert.Equal(["a", "b", "c"], RepeatOrder.Of(setups, 3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    public void Of_OverAsManyRoundsAsSetups_EverySetupRunsOnceInEveryPlace_AndEveryRoundRunsEachOnce(int count)
    {
        var setups = Enumerable.Range(0, count).ToArray();

        var rounds = Enumerable.Range(0, count).Select(r => RepeatOrder.Of(setups, r)).ToList();

        Assert.All(rounds, round => Assert.Equal(setups, round.Order()));
        for (var place = 0; place < count; place++)
        {
            Assert.Equal(setups, rounds.Select(round => round[place]).Order());
        }
    }

    [Fact]
    public void Of_NoSetups_IsEmpty_AndANegativeRoundIsRefused()
    {
        Assert.Empty(RepeatOrder.Of(Array.Empty<string>(), 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => RepeatOrder.Of(["a"], -1));
    }
}
