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
        Assert.Equal(deleted, Retention.Count(keep).SelectForDeletion(Index(NewestFirst), Now, 0).Select(f => f.Path));
    }

    [Theory]
    [InlineData("2 hours", new[] { "b.log.gz", "a.log.gz" })]
    [InlineData("10 days", new[] { "a.log.gz" })]
    [InlineData("30 days", new string[0])]
    public void Age_DeletesFilesLastWrittenBeforeTheAge(string age, string[] deleted)
    {
        Assert.Equal(deleted, Retention.Parse(age).SelectForDeletion(Index(NewestFirst), Now, 0).Select(f => f.Path));
    }

    [Fact]
    public void Where_DeletesWhatThePredicatePicks()
    {
        var retention = Retention.Where(f => f.Path.EndsWith(".gz", StringComparison.Ordinal) && f.Started < Now.AddDays(-10));

        Assert.Equal(["a.log.gz"], retention.SelectForDeletion(Index(NewestFirst), Now, 0).Select(f => f.Path));
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

        Assert.Equal(newestFirst.Skip(keep).Select(f => f.Path), Retention.Count(keep).SelectForDeletion(index, Now, 0).Select(f => f.Path));
        Assert.Equal(newestFirst.Where(f => Now - f.LastWrite > age).Select(f => f.Path), Retention.Age(age).SelectForDeletion(index, Now, 0).Select(f => f.Path));
    }

    [Theory]
    [InlineData(30, 0, new string[0])]
    [InlineData(29, 0, new[] { "a.log.gz" })]
    [InlineData(30, 1, new[] { "a.log.gz" })]
    [InlineData(20, 0, new[] { "a.log.gz" })]
    [InlineData(19, 0, new[] { "b.log.gz", "a.log.gz" })]
    [InlineData(10, 0, new[] { "b.log.gz", "a.log.gz" })]
    [InlineData(10, 1, new[] { "c.log", "b.log.gz", "a.log.gz" })]
    [InlineData(5, 0, new[] { "c.log", "b.log.gz", "a.log.gz" })]
    public void Size_DeletesTheOldestUntilTheRestFitsWithTheActiveFile(long limit, long active, string[] deleted)
    {
        Assert.Equal(deleted, Retention.Size(limit).SelectForDeletion(Index(NewestFirst), Now, active).Select(f => f.Path));
    }

    [Fact]
    public void Size_KeepsTheNewestPrefixThatFits_NotASmallerOlderFileBehindOneThatDidNot()
    {
        RetainedFile[] files =
        [
            new("new.log", Now.AddDays(-1), Now.AddDays(-1), 10),
            new("big.log", Now.AddDays(-2), Now.AddDays(-2), 100),
            new("tiny.log", Now.AddDays(-3), Now.AddDays(-3), 1),
        ];

        Assert.Equal(["big.log", "tiny.log"], Retention.Size(50).SelectForDeletion(Index(files), Now, 0).Select(f => f.Path));
    }

    [Property(MaxTest = 300)]
    public void Size_GeneratedSizes_KeepTheLongestNewestPrefixThatFits(byte[] lengths, byte activeLength, ushort limit)
    {
        // Lengths, the active file and the limit drawn freely (a limit below the active file alone deletes everything).
        var files = lengths.Select((length, i) => new RetainedFile($"f{i:D3}.log", Now.AddHours(-i), Now.AddHours(-i), length)).ToArray();
        var index = Index(files);
        var bytes = limit + 1L;

        var deleted = Retention.Size(bytes).SelectForDeletion(index, Now, activeLength).Select(f => f.Path).ToHashSet();
        var kept = index.NewestFirst().Where(f => !deleted.Contains(f.Path)).ToList();

        // What is kept is the longest prefix of the newest-first order that fits with the active file (none when the
        // active file alone is over the limit).
        var fitting = 0;
        for (var total = (long)activeLength; fitting < files.Length; fitting++)
        {
            total += index.NewestFirst().ElementAt(fitting).Length;
            if (total > bytes)
            {
                break;
            }
        }

        Assert.Equal(index.NewestFirst().Take(fitting).Select(f => f.Path), kept.Select(f => f.Path));
        Assert.True(activeLength > bytes ? kept.Count == 0 : kept.Sum(f => f.Length) + activeLength <= bytes);
    }

    [Fact]
    public void Any_DeletesWhatAnyConditionDeletes_SoTheRestSatisfiesEvery()
    {
        var index = Index(NewestFirst);

        Assert.Equal(["a.log.gz"], Retention.Any("10 days", "25 B").SelectForDeletion(index, Now, 0).Select(f => f.Path));
        Assert.Equal(["b.log.gz", "a.log.gz"], Retention.Any("10 days", "15 B").SelectForDeletion(index, Now, 0).Select(f => f.Path));
        Assert.Equal(["b.log.gz", "a.log.gz"], Retention.Any(Retention.Any(5, "2 hours"), "1 KB").SelectForDeletion(index, Now, 0).Select(f => f.Path));
        Assert.Equal("5, 2 h, 1 KB", Retention.Any(Retention.Any(5, "2 hours"), "1 KB").ToString());
    }

    [Theory]
    [InlineData("1 GB", "1 GB")]
    [InlineData(" 500 mib ", "500 MiB")]
    [InlineData("1.5 KB", "1500 B")]
    [InlineData("5", "5")]
    [InlineData("10 days", "10 d")]
    public void Parse_ACountAnAgeOrATotalSizeWithItsUnit(string text, string parsed)
    {
        Assert.Equal(parsed, Retention.Parse(text).ToString());
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
