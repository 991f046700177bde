namespace LoguStyle.SideBySide.Tests;

public sealed class OutputScanTests
{
    [Fact]
    public void Scan_RecordsAmongOtherLines_CountsThemAndKeepsFirstAndLastWithTheLineEnd()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("app.log"), $"starting\n{Line(1)}\n{Line(2)}\n{Line(3)}\nstopped\n");

        var (count, first, last) = OutputScan.Scan(folder.Path);

        Assert.Equal(3, count);
        Assert.Equal(Line(1) + "\\n", first);
        Assert.Equal(Line(3) + "\\n", last);
    }

    [Fact]
    public void Scan_CrlfLines_ShowTheCarriageReturn()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("app.log"), $"{Line(1)}\r\n{Line(2)}\r\n");

        var (_, first, last) = OutputScan.Scan(folder.Path);

        Assert.Equal(Line(1) + "\\r\\n", first);
        Assert.Equal(Line(2) + "\\r\\n", last);
    }

    [Fact]
    public void Scan_LastLineNotEnded_ShowsNoLineEnd()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("app.log"), $"{Line(1)}\n{Line(2)}");

        var (count, _, last) = OutputScan.Scan(folder.Path);

        Assert.Equal(2, count);
        Assert.Equal(Line(2), last);
    }

    [Fact]
    public void Scan_ResultJsonAndHiddenFiles_AreNotOutput()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("app.log"), $"{Line(1)}\n");
        File.WriteAllText(folder.File("result.json"), $"{Line(2)}\n");
        File.WriteAllText(folder.File(".app.log.start"), $"{Line(3)}\n");

        Assert.Equal(1, OutputScan.Scan(folder.Path).Count);
        Assert.Equal(new FileInfo(folder.File("app.log")).Length, OutputScan.TotalSize(folder.Path));
    }

    private static string Line(int user) => $"2026-11-30 04:24:35.365 | INF | Bench.Orders - User {user} bought 3 items for 29.97";
}
