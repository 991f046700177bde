using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// An enricher (<see cref="LoguStyleLoggerOptions.Patches"/>, a sink's Patch) and a sink's Predicate read a record's
/// properties, also when no sink's output does (text formats without <c>{extra[...]}</c>): the capture reads them for
/// them. Found by an outside test: with such sinks, a template with <c>{{</c> or <c>}}</c>, and in a DropOldest queue's
/// pooled record a value that is not immutable or a missing argument, gave an enricher an empty list.
/// </summary>
public sealed class PropertiesForEnrichersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Cases() => new()
    {
        { "direct", "global" },
        { "direct", "sink-patch" },
        { "direct", "predicate" },
        { "console", "global" },
        { "drop-oldest", "global" },
        { "drop-oldest", "sink-patch" },
        { "drop-oldest", "predicate" },
        { "rotating", "global" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryTemplateCall_GivesTheEnricherItsNamedValues(string sink, string reader)
    {
        var seen = new ConcurrentQueue<string>();
        void Read(LogRecord record) => seen.Enqueue(string.Join(",", record.Properties.Select(p => $"{p.Key}={p.Value}")));
        var path = _folder.File("app.log");
        SinkOptions options = sink switch
        {
            "console" => new ConsoleSinkOptions { Format = "{message}", OutputOverride = Stream.Null, Colorize = ColorMode.Never },
            "drop-oldest" => new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueFullMode = QueueFullMode.DropOldest },
            "rotating" => new FileSinkOptions(path) { Rotation = "1 MB", Retention = 3 },
            _ => new FileSinkOptions(path) { Format = "{message}" },
        };
        var all = new LoguStyleLoggerOptions { Sinks = { options } };
        switch (reader)
        {
            case "global":
                all.Patches.Add(Read);
                break;
            case "sink-patch":
                options.Patch = Read;
                break;
            default:
                options.Predicate = record =>
                {
                    Read(record);
                    return true;
                };
                break;
        }

        await using (var provider = new LoguStyleLoggerProvider(all, TimeProvider.System, TextWriter.Null))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("a {{x}} {A} b {B}", 1, "x");
            logger.LogInformation("a }} {A} b {B}", 2, "y");
            logger.LogInformation("plain {A} b {B}", 3, "z");
            logger.LogInformation("an object {A} b {B}", new Uri("https://example.com/"), new Thing());
#pragma warning disable CA2017 // A missing argument is one of the cases.
            logger.LogInformation("missing {A} b {B}", 5);
#pragma warning restore CA2017
        }

        Assert.Equal(
            ["A=1,B=x", "A=2,B=y", "A=3,B=z", "A=https://example.com/,B=thing", "A=5"],
            seen.Select(s => string.Join(",", s.Split(',').Where(p => !p.StartsWith("{OriginalFormat}", StringComparison.Ordinal)))));
    }

    // Not immutable, so a pooled queue's record cannot defer its message to a copy of the values (a snapshot is taken).
    private sealed class Thing
    {
        public override string ToString() => "thing";
    }
}
