using FsCheck.Xunit;
using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static ClosedFileIndex Index(IEnumerable<RetainedFile> files)
    {
        var index = new ClosedFileIndex();
        foreach (var file in files)
        {
            index.Set(file, clash: 0);
        }

        return index;
    }

    private static readonly RetainedFile[] NewestFirst =
    [
        new("c.log", Now.AddDays(-1), Now.AddHours(-1), 10),
        new("b.log.gz", Now.AddDays(-5), Now.AddDays(-4), 10),
        new("a.log.gz", Now.AddDays(-20), Now.AddDays(-19), 10),
    ];

    [Theory]
    [InlineData(0, new[] { "c.log", "b.log.gz", "a.log.gz" })]
    [InlineData(1, new[] { "b.log.gz", "a.log.gz" })]
    [InlineData(2, new[] { "a.log.gz" })]
    [InlineData(5, new string[0])]
    public void Count_KeepsTheNewest(int keep, string[] deleted)
    {
        Assert.Equal(deleted, Retention.Count(keep).SelectForDeletion(Index(NewestFirst), Now).Select(f => f.Path));
    }

    [Theory]
    [InlineData("2 hours", new[] { "b.log.gz", "a.log.gz" })]
    [InlineData("10 days", new[] { "a.log.gz" })]
    [InlineData("30 days", new string[0])]
    public void Age_DeletesFilesLastWrittenBeforeTheAge(string age, string[] deleted)
    {
        Assert.Equal(deleted, Retention.Parse(age).SelectForDeletion(Index(NewestFirst), Now).Select(f => f.Path));
    }

    [Fact]
    public void Where_DeletesWhatThePredicatePicks()
    {
        var retention = Retention.Where(f => f.Path.EndsWith(".gz", StringComparison.Ordinal) && f.Started < Now.AddDays(-10));

        Assert.Equal(["a.log.gz"], retention.SelectForDeletion(Index(NewestFirst), Now).Select(f => f.Path));
    }

    [Property(MaxTest = 300)]
    public void CountAndAge_ReadFromTheOldestEnd_SelectWhatAFullPassOverTheFilesWould(byte[] startHours, byte[] writeLagHours, byte keep, byte ageHours)
    {
        // What retention selected when it went through every file newest first, per rotation: the same files, in the
        // same order, now read from the oldest end of the index. Starts and last writes may tie or disagree in order.
        var files = startHours.Select((hours, i) => new RetainedFile(
            $"f{i}.log", Now.AddHours(-hours), Now.AddHours(-hours + (i < writeLagHours.Length ? writeLagHours[i] % 5 : 0)), i)).ToArray();
        var index = Index(files);
        var newestFirst = index.NewestFirst().ToList();
        var age = TimeSpan.FromHours(ageHours + 1);

        Assert.Equal(newestFirst.Skip(keep).Select(f => f.Path), Retention.Count(keep).SelectForDeletion(index, Now).Select(f => f.Path));
        Assert.Equal(newestFirst.Where(f => Now - f.LastWrite > age).Select(f => f.Path), Retention.Age(age).SelectForDeletion(index, Now).Select(f => f.Path));
    }

    [Fact]
    public void ImplicitConversions_FromNumberAndText()
    {
        Retention fromNumber = 3;
        Retention fromText = "1 week";

        Assert.Equal("3", fromNumber.ToString());
        Assert.Equal("7 d", fromText.ToString());
    }
}
