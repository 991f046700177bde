using LoguStyle.InProcessAb;

namespace LoguStyle.SideBySide.Tests.InProcessAb;

public sealed class OutputComparisonTests
{
    [Fact]
    public void Compare_SameRecordsAtOtherTimes_InOrder_IsSame()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1), Line("09:00:00.002", 2)], [Line("09:00:01.500", 1), Line("09:00:01.999", 2)]);

        var check = OutputComparison.Compare(a, b, ordered: true, expectedLines: 2);

        Assert.True(check.Same, check.Difference);
        Assert.Equal(2, check.LinesA);
    }

    [Fact]
    public void Compare_AnIdDiffers_InOrder_NamesTheLineAndShowsBoth()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1), Line("09:00:00.002", 2)], [Line("09:00:00.001", 1), Line("09:00:00.002", 3)]);

        var check = OutputComparison.Compare(a, b, ordered: true, expectedLines: 2);

        Assert.False(check.Same);
        Assert.Contains("line 2 differ", check.Difference, StringComparison.Ordinal);
        Assert.Contains("User 3 bought", check.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_AFourthFractionalDigit_IsADifference()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1)], [Line("09:00:00.0012", 1)]);

        Assert.False(OutputComparison.Compare(a, b, ordered: true, expectedLines: 1).Same);
        Assert.False(OutputComparison.Compare(a, b, ordered: false, expectedLines: 1).Same);
    }

    [Fact]
    public void Compare_BothLackARecordLogged_SaysHowManyEachHolds()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1)], [Line("09:00:00.001", 1)]);

        var check = OutputComparison.Compare(a, b, ordered: true, expectedLines: 2);

        Assert.False(check.Same);
        Assert.Equal("2 records logged; A's file holds 1 lines, B's 1", check.Difference);
    }

    [Fact]
    public void Compare_OneFileLonger_InOrder_CountsTheRest()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1), Line("09:00:00.002", 2), Line("09:00:00.003", 3)], [Line("09:00:00.001", 1)]);

        var check = OutputComparison.Compare(a, b, ordered: true, expectedLines: 3);

        Assert.False(check.Same);
        Assert.Equal((3, 1), (check.LinesA, check.LinesB));
    }

    [Fact]
    public void Compare_SameLinesInAnotherOrder_AsMultisets_IsSame_InOrder_IsNot()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1), Line("09:00:00.002", 2), Line("09:00:00.003", 3)], [Line("09:00:00.001", 3), Line("09:00:00.001", 1), Line("09:00:00.004", 2)]);

        Assert.True(OutputComparison.Compare(a, b, ordered: false, expectedLines: 3).Same);
        Assert.False(OutputComparison.Compare(a, b, ordered: true, expectedLines: 3).Same);
    }

    [Fact]
    public void Compare_OneLineSwappedForADuplicate_AsMultisets_IsADifference()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, [Line("09:00:00.001", 1), Line("09:00:00.002", 2)], [Line("09:00:00.001", 1), Line("09:00:00.002", 1)]);

        var check = OutputComparison.Compare(a, b, ordered: false, expectedLines: 2);

        Assert.False(check.Same);
        Assert.Contains("multisets", check.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ALineWithoutATime_IsADifference()
    {
        using var folder = new TempFolder();
        var (a, b) = Write(folder, ["started", Line("09:00:00.001", 1)], ["started", Line("09:00:00.001", 1)]);

        var check = OutputComparison.Compare(a, b, ordered: false, expectedLines: 2);

        Assert.False(check.Same);
        Assert.Contains("line 1 of A does not start with a yyyy-MM-dd HH:mm:ss.fff time", check.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoFilesAndNothingLogged_IsSame()
    {
        using var folder = new TempFolder();

        Assert.True(OutputComparison.Compare(folder.File("a.log"), folder.File("b.log"), ordered: true, expectedLines: 0).Same);
    }

    private static string Line(string time, int userId) => $"2026-12-01 {time} | INF | Bench.Orders - User {userId} bought 3 items for 29.97";

    private static (string A, string B) Write(TempFolder folder, string[] linesA, string[] linesB)
    {
        File.WriteAllText(folder.File("a.log"), string.Join('\n', linesA) + "\n");
        File.WriteAllText(folder.File("b.log"), string.Join('\n', linesB) + "\n");
        return (folder.File("a.log"), folder.File("b.log"));
    }
}
