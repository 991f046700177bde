using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// <c>{time:...!UTC}</c> (Loguru's suffix: the time in UTC) and <c>{time:zzz}</c> (the local UTC offset), through the
/// provider, in a console, a file and a text delegate sink at once, in a time zone an hour and a half east of UTC.
/// </summary>
public sealed class UtcTimeTokenTests : IDisposable
{
    private const string Template = "{time:yyyy-MM-dd HH:mm!UTC}|{time:HH:mm zzz}|{time:!UTC}|{message}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Format_UtcSuffixAndOffset_UtcTimeAndLocalOffsetInEverySink()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus0130", TimeSpan.FromMinutes(90), "Plus0130", "Plus0130");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 10, 0, 123, TimeSpan.Zero));
        time.SetLocalTimeZone(zone);
        var console = new MemoryStream();
        var texts = new List<string>();
        var path = _folder.File("app.log");
        var text = DelegateSinkOptions.ForText("text", texts.Add);
        text.Format = Template;
        using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new ConsoleSinkOptions { Format = Template, OutputOverride = console, Colorize = ColorMode.Never },
                    new FileSinkOptions(path) { Format = Template },
                    text,
                },
            },
            time,
            TextWriter.Null))
        {
            provider.CreateLogger("c").LogInformation("hi");
        }

        // Local 00:40 on Dec 1 at +01:30; in UTC still Nov 30, 23:10.
        const string expected = "2026-11-30 23:10|00:40 +01:30|2026-11-30 23:10:00.123|hi";
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(console.ToArray()).TrimEnd());
        Assert.Equal(expected, File.ReadAllText(path).TrimEnd());
        Assert.Equal(expected, Assert.Single(texts).TrimEnd());
    }
}
