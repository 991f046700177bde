using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class ClosedFileIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewestFirst_ByStartThenClashThenPath()
    {
        var index = new ClosedFileIndex();
        index.Set(new RetainedFile("a", Now.AddHours(-2), Now, 1), 1);
        index.Set(new RetainedFile("c", Now.AddHours(-1), Now, 1), 1);
        index.Set(new RetainedFile("b", Now.AddHours(-1), Now, 1), 2);
        index.Set(new RetainedFile("d", Now.AddHours(-1), Now, 1), 1);

        Assert.Equal(["b", "d", "c", "a"], index.NewestFirst().Select(f => f.Path));
    }

    [Fact]
    public void Set_SamePathAgain_ReplacesIt_AndRemoveForgetsIt()
    {
        var index = new ClosedFileIndex();
        index.Set(new RetainedFile("x.log", Now.AddHours(-3), Now, 10), 1);
        index.Set(new RetainedFile("y.log", Now.AddHours(-2), Now, 10), 1);
        index.Set(new RetainedFile("x.log", Now.AddHours(-1), Now, 99), 1);
        Assert.Equal(["x.log", "y.log"], index.NewestFirst().Select(f => f.Path));
        Assert.Equal(99, index.NewestFirst().First().Length);

        index.Remove("x.log");
        index.Remove("never there");

        Assert.Equal(["y.log"], index.NewestFirst().Select(f => f.Path));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void OldestFirst_IsNewestFirstReversed_AndOldestWrittenFirst_IsByLastWriteThenPath()
    {
        var index = new ClosedFileIndex();
        index.Set(new RetainedFile("a", Now.AddHours(-3), Now.AddHours(-1), 1), 1);
        index.Set(new RetainedFile("b", Now.AddHours(-2), Now.AddHours(-5), 1), 1);
        index.Set(new RetainedFile("d", Now.AddHours(-1), Now.AddHours(-5), 1), 1);
        index.Set(new RetainedFile("c", Now.AddHours(-1), Now, 1), 1);

        Assert.Equal(index.NewestFirst().Reverse().Select(f => f.Path), index.OldestFirst().Select(f => f.Path));
        Assert.Equal(["b", "d", "a", "c"], index.OldestWrittenFirst().Select(f => f.Path));
        Assert.Equal(["d", "a"], index.InNewestFirstOrder([index.NewestFirst().Last(), index.NewestFirst().First()]).Select(f => f.Path));

        index.Remove("d");
        Assert.Equal(["b", "a", "c"], index.OldestWrittenFirst().Select(f => f.Path));
    }

    [Fact]
    public void Clear_EmptiesAndMarksUnbuilt()
    {
        var index = new ClosedFileIndex();
        index.Set(new RetainedFile("x.log", Now, Now, 1), 1);
        index.MarkBuilt();

        index.Clear();

        Assert.False(index.IsBuilt);
        Assert.Empty(index.NewestFirst());
    }
}
