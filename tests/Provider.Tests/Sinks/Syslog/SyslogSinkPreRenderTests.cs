using LoguStyle.Diagnostics;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A queue whose writer fell behind lets the logging thread format the syslog message (<see cref="Sink.TryPreRender"/>);
/// the receiver must then get exactly what the writer would have sent.
/// </summary>
public sealed class SyslogSinkPreRenderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 10, 0, TimeSpan.Zero));

    [Fact]
    public async Task PreRenderedRecord_IsSentExactlyAsTheWriterWouldFormatIt()
    {
        using var receiver = new UdpReceiver();
        var sink = new SyslogSink(
            new SyslogSinkOptions { Port = receiver.Port, AppName = "shop" },
            _time,
            new SinkErrorReporter("syslog", _time, TextWriter.Null),
            LevelTable.Default);
        var record = new LogRecord(_time.GetUtcNow(), LogLevel.Warning, "Orders", "user 42 bought 3 items");

        sink.Emit(record);
        Assert.True(sink.TryPreRender(record));

        // Changed after formatting: the sink must send the bytes formatted before, not format again.
        record.SetMessage("changed after formatting");
        sink.Emit(record);
        await sink.FlushAsync(CancellationToken.None);
        await Loopback.WaitUntil(() => receiver.Messages.Count == 2, Deadline);
        await sink.DisposeAsync();

        Assert.Contains("user 42 bought 3 items", receiver.Messages[0], StringComparison.Ordinal);
        Assert.Equal(receiver.Messages[0], receiver.Messages[1]);
        Assert.Equal(2, sink.Stats.Written);
    }
}
