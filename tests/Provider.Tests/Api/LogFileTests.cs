using System.Text.RegularExpressions;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Api;

public class LogFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("gz")]
    [InlineData("zip")]
    [InlineData("br")]
    public void Read_WriteRotateCompress_ReturnsEveryRecordOnceInOrder(string compression)
    {
        var path = _folder.File("app.json");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, Rotation = "2 KB", Compression = compression } } },
            time))
        {
            var logger = provider.CreateLogger("Sample.Orders");
            for (var i = 0; i < 300; i++)
            {
                logger.LogInformation("Order {OrderId} for {Amount}", i, 9.5m + i);
                time.Advance(TimeSpan.FromMilliseconds(10));
            }

            logger.LogError(new InvalidOperationException("outer", new ArgumentException("inner")), "Failed {OrderId}", 300);
        }

        Assert.True(LogFile.Files(path).Count(f => f.EndsWith("." + compression, StringComparison.Ordinal)) >= 10);
        var records = LogFile.Read(path).ToList();

        Assert.Equal(301, records.Count);
        Assert.Equal(Enumerable.Range(0, 301).Select(i => (long)i), records.Select(r => (long)r.Properties.Single(p => p.Key == "OrderId").Value!));
        Assert.Equal("Order 0 for 9.5", records[0].Message);
        Assert.Equal("Order {OrderId} for {Amount}", records[0].Template);
        Assert.Equal(LogLevel.Information, records[0].Level);
        Assert.Equal("Sample.Orders", records[0].Category);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), records[0].Timestamp);
        Assert.True(records.Zip(records.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp));
        var failure = Assert.IsType<LoggedException>(records[^1].Exception);
        Assert.Equal("System.InvalidOperationException", failure.TypeName);
        Assert.Equal("inner", Assert.IsType<LoggedException>(failure.InnerException).Message);
    }

    [Fact]
    public void Read_TruncatedLastLine_IsSkipped()
    {
        var path = _folder.File("crash.json");
        File.WriteAllText(path, "{\"time\":\"2026-11-24T09:00:00+00:00\",\"level\":\"INFO\",\"category\":\"c\",\"message\":\"whole\"}\n{\"time\":\"2026-11-2");

        Assert.Equal(["whole"], LogFile.Read(path).Select(r => r.Message));
    }

    [Fact]
    public void Parse_TextSinkWithARegex_YieldsTheNamedGroups()
    {
        var path = _folder.File("app.log");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{level:u3} | {category} - {message}", Rotation = "100 B", Compression = "gz" } },
        }))
        {
            var logger = provider.CreateLogger("Parse.Me");
            for (var i = 0; i < 20; i++)
            {
                logger.LogWarning("item {I}", i);
            }
        }

        var rows = LogFile.Parse(path, new Regex(@"^(?<level>\w{3}) \| (?<category>\S+) - item (?<item>\d+)$")).ToList();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["item"]).OrderBy(int.Parse));
        Assert.All(rows, r => Assert.Equal("WRN", r["level"]));
    }
}
