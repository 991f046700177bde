using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks;

/// <summary>
/// A sink's MaxLevel through the provider, in a console, a file, an enqueued file and a delegate sink at once: each
/// writes the records from its Level up to its MaxLevel and leaves the rest to the others.
/// </summary>
public sealed class MaxLevelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task MaxLevel_EverySinkKind_WritesOnlyItsBand()
    {
        var console = new MemoryStream();
        var records = new List<string>();
        var low = _folder.File("low.log");
        var high = _folder.File("high.log");
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new ConsoleSinkOptions { Format = "{level}", OutputOverride = console, MaxLevel = LogLevel.Information },
                    new FileSinkOptions(low) { Format = "{level}", Level = LogLevel.Debug, MaxLevel = LogLevel.Warning, Enqueue = true },
                    new FileSinkOptions(high) { Format = "{level}", Level = LogLevel.Warning },
                    new DelegateSinkOptions("delegate", record => records.Add(record.Level.ToString())) { MaxLevel = LogLevel.Debug },
                },
            },
            TimeProvider.System,
            TextWriter.Null))
        {
            var logger = provider.CreateLogger("c");
            foreach (var level in Levels)
            {
                logger.Log(level, "m");
            }
        }

        Assert.Equal(["TRACE", "DEBUG", "INFO"], Lines(System.Text.Encoding.UTF8.GetString(console.ToArray())));
        Assert.Equal(["DEBUG", "INFO", "WARNING"], Lines(File.ReadAllText(low)));
        Assert.Equal(["WARNING", "ERROR", "CRITICAL"], Lines(File.ReadAllText(high)));
        Assert.Equal(["Trace", "Debug"], records);
    }

    [Fact]
    public void MaxLevel_BelowLevel_StartFailsNamingBothKeys()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(_folder.File("a.log")) { Level = LogLevel.Error, MaxLevel = LogLevel.Warning } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Null));

        Assert.Contains("MaxLevel Warning is below Level Error", error.Message, StringComparison.Ordinal);
    }

    private static readonly LogLevel[] Levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
