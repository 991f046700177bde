using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks;

public class CategoryFilterTests
{
    private static readonly CategoryFilter Filter = new(new Dictionary<string, LogLevel>
    {
        [""] = LogLevel.Information,
        ["Microsoft"] = LogLevel.Warning,
        ["Microsoft.Hosting.Lifetime"] = LogLevel.Debug,
        ["App.Noisy."] = LogLevel.Error,
    });

    [Theory]
    [InlineData("Sample.Worker", LogLevel.Information)]
    [InlineData("Microsoft", LogLevel.Warning)]
    [InlineData("Microsoft.AspNetCore.Routing", LogLevel.Warning)]
    [InlineData("Microsoft.Hosting.Lifetime", LogLevel.Debug)]
    [InlineData("Microsoft.Hosting.LifetimeX", LogLevel.Warning)]
    [InlineData("MicrosoftX.Thing", LogLevel.Information)]
    [InlineData("App.Noisy.Part", LogLevel.Error)]
    [InlineData("App.Noisy", LogLevel.Information)]
    [InlineData("microsoft.hosting.lifetime", LogLevel.Debug)]
    [InlineData("MICROSOFT.AspNetCore", LogLevel.Warning)]
    [InlineData("app.noisy.part", LogLevel.Error)]
    public void LevelFor_Category_LongestWholeSegmentPrefixWins(string category, LogLevel expected)
    {
        Assert.Equal(expected, Filter.LevelFor(category));
    }

    [Fact]
    public void LevelFor_NoRules_IsTrace()
    {
        Assert.Equal(LogLevel.Trace, new CategoryFilter([]).LevelFor("Anything"));
    }
}
