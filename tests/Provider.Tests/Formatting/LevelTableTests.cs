using System.Text.Json;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

public class LevelTableTests
{
    [Theory]
    [InlineData("<yellow><bold>", "33;1")]
    [InlineData("<RED>", "41")]
    [InlineData("<fg #ff8800> <underline>", "38;2;255;136;0;4")]
    public void ParseColor_OpeningTags_GiveSgrParameters(string markup, string sgr)
    {
        Assert.Equal(sgr, LevelTable.ParseColor(markup));
    }

    [Theory]
    [InlineData("red")]
    [InlineData("<purple>")]
    [InlineData("<red>text")]
    [InlineData("")]
    public void ParseColor_NotOpeningTags_Throws(string markup)
    {
        Assert.Throws<ArgumentException>(() => LevelTable.ParseColor(markup));
    }

    [Fact]
    public void Levels_StyleTextOutput_JsonKeepsStandardNames()
    {
        var text = new List<string>();
        var json = new List<string>();
        var textSink = DelegateSinkOptions.ForText("text", text.Add);
        textSink.Format = "{level} {level:icon} {level:u3} <level>{message}</>";
        var jsonSink = DelegateSinkOptions.ForText("json", json.Add);
        jsonSink.Serialize = true;
        var options = new LoguStyleLoggerOptions { Sinks = { textSink, jsonSink } };
        options.Levels[LogLevel.Warning] = new LevelStyle { Name = "WARN", Icon = "!", Color = "<magenta>" };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogWarning("careful");
            provider.CreateLogger("c").LogError("broken");
        }

        Assert.Equal(["WARN ! WRN careful\n", "ERROR \u274C ERR broken\n"], text);
        using var document = JsonDocument.Parse(json[0]);
        Assert.Equal("WARNING", document.RootElement.GetProperty("level").GetString());

        var colored = FormatPlan.Compile("<level>x</>", "s", colored: true, LevelTable.From(options.Levels));
        var buffer = new Utf8Buffer(256);
        colored.Render(new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Warning, "c", "m"), buffer);
        Assert.Equal("\u001b[35mx\u001b[0m\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
