using LoguStyle.Files;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

public class SingleLineFormatterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SingleLine_ForgedRecordAndException_StayOnOneLinePerRecord()
    {
        var path = _folder.File("app.log");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{level:u3} {message}", SingleLine = true } },
        }))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("user {Name} logged in", "eve\nERR admin deleted everything\r\nINF ok");
            logger.LogError(new InvalidOperationException("boom\nsecond line"), "failed");
            logger.LogInformation("last");
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("INF user eve\\nERR admin deleted everything\\r\\nINF ok logged in", lines[0]);
        Assert.StartsWith("ERR failed\\nSystem.InvalidOperationException: boom\\nsecond line", lines[1], StringComparison.Ordinal);
        Assert.Equal("INF last", lines[2]);
    }

    [Fact]
    public void WithoutSingleLine_MultiLineMessagesKeepTheirLines()
    {
        var lines = new List<string>();
        var sink = DelegateSinkOptions.ForText("t", lines.Add);
        sink.Format = "{message}";
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
        {
            provider.CreateLogger("c").LogInformation("a\nb");
        }

        Assert.Equal(["a\nb\n"], lines);
    }
}
