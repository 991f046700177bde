using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks;

/// <summary>
/// A queue whose writer fell behind lets the logging thread format the record (<see cref="Sink.TryPreRender"/>); the
/// file must then hold exactly what the writer would have written.
/// </summary>
public sealed class FileSinkPreRenderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PreRenderedRecord_IsWrittenExactlyAsTheWriterWouldFormatIt()
    {
        var record = new LogRecord(_time.GetUtcNow(), LogLevel.Warning, "Orders", "user 42 bought 3 items");
        var rendered = Sink("pre.log");
        var plain = Sink("plain.log");

        plain.Emit(record);
        Assert.True(rendered.TryPreRender(record));

        // Changed after formatting: the sink must write the bytes formatted before, not format again.
        record.SetMessage("changed after formatting");
        rendered.Emit(record);
        await rendered.DisposeAsync();
        await plain.DisposeAsync();

        var expected = await File.ReadAllTextAsync(_folder.File("plain.log"));
        Assert.Equal("2026-11-24 09:10:00.000 | WARNING | Orders - user 42 bought 3 items\n", expected);
        Assert.Equal(expected, await File.ReadAllTextAsync(_folder.File("pre.log")));
    }

    [Fact]
    public async Task BytesRenderedForAnotherSink_AreNotUsed()
    {
        var record = new LogRecord(_time.GetUtcNow(), LogLevel.Information, "c", "message");
        var json = Sink("json.log", serialize: true);
        var text = Sink("text.log");

        Assert.True(json.TryPreRender(record));
        text.Emit(record);
        await json.DisposeAsync();
        await text.DisposeAsync();

        Assert.Equal("2026-11-24 09:10:00.000 | INFO | c - message\n", await File.ReadAllTextAsync(_folder.File("text.log")));
    }

    private FileSink Sink(string name, bool serialize = false) => new(
        new FileSinkOptions(_folder.File(name)) { Format = "{time:yyyy-MM-dd HH:mm:ss.fff} | {level} | {category} - {message}", Serialize = serialize },
        _time,
        new SinkErrorReporter(name, _time, TextWriter.Null),
        LevelTable.Default,
        owner: this);
}
