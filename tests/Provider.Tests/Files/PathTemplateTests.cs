using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class PathTemplateTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 24, 9, 10, 0, 123, TimeSpan.FromHours(1));

    [Fact]
    public void Resolve_PlainPath_IsTheFullPath()
    {
        var template = PathTemplate.Parse("logs/app.log");

        Assert.Equal(Path.GetFullPath("logs/app.log"), template.Resolve(Time));
        Assert.False(template.HasTokens);
    }

    [Theory]
    [InlineData("logs/app_{time:yyyy-MM-dd}.log", "app_2026-11-24.log")]
    [InlineData("logs/app_{time}.log", "app_2026-11-24_09-10-00_123000.log")]
    [InlineData("logs/{time:HH}h-{time:mm}.txt", "09h-10.txt")]
    public void Resolve_TimeTokens_AreFormattedWithTheStartTime(string path, string expected)
    {
        Assert.Equal(expected, Path.GetFileName(PathTemplate.Parse(path).Resolve(Time)));
    }

    [Theory]
    [InlineData("logs/{level}.log", "unknown token '{level}'")]
    [InlineData("logs/app{time.log", "never closed")]
    [InlineData("logs/app}.log", "'}' without '{'")]
    [InlineData("logs/{time:yyyy}/app.log", "file name only")]
    [InlineData("logs/", "names a folder")]
    [InlineData("logs/app\0.log", "not a valid file path")]
    public void Parse_BadPath_ThrowsSayingWhy(string path, string problem)
    {
        var ex = Assert.Throws<ArgumentException>(() => PathTemplate.Parse(path));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.log", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.2.log", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log.gz", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log.zip", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log.br", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log.gz.part", true)]
    [InlineData("app.2026-11-24_09-10-00_123456.log.7z", true)]
    [InlineData("app.2026-11-24_09-10-00_123456+0100.log", true)]
    [InlineData("app.2026-11-24_09-10-00_123456-0930.2.log.gz", true)]
    [InlineData("app.2026-11-24_09-10-00_123456+0100x.log", false)]
    [InlineData("app.2026-11-24_09-10-00_12345.log", false)]
    [InlineData("app.2026-13-24_09-10-00_123456.log", false)]
    [InlineData("app.log.bak", false)]
    [InlineData("application.log", false)]
    [InlineData("app.old.log", false)]
    [InlineData("other.2026-11-24_09-10-00_123456.log", false)]
    [InlineData(".app.log.started", false)]
    [InlineData("app.2026-11-24.log", false)]
    public void Pattern_MatchesOnlyThisSinksFiles(string name, bool expected)
    {
        var pattern = PathTemplate.Parse("logs/app.log").CreatePattern(".7z");

        Assert.Equal(expected, pattern.IsMatch(name));
    }

    [Theory]
    [InlineData("app_2026-11-24.log", true)]
    [InlineData("app_2026-11-24.2026-11-24_09-10-00_123456.log.gz", true)]
    [InlineData("app_.log", false)]
    [InlineData("other_2026-11-24.log", false)]
    [InlineData("app_audit.log", false)]
    [InlineData("app_errors.log", false)]
    [InlineData("app_2026-11-24x.log", false)]
    [InlineData("app_2026-1-24.log", false)]
    [InlineData("app_2026-11-24.log.bak", false)]
    public void Pattern_WithTokens_MatchesOnlyWhatTheFormatWrites(string name, bool expected)
    {
        Assert.Equal(expected, PathTemplate.Parse("logs/app_{time:yyyy-MM-dd}.log").CreatePattern(null).IsMatch(name));
    }
}
