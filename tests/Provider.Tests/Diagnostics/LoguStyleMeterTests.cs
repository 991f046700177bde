using LoguStyle.Files;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Diagnostics;

/// <summary>
/// The meter's counters are monotonic for the life of the provider: a reload builds new sinks, and their counts go on
/// from the old ones' (OpenTelemetry and dotnet-counters read a drop as a reset).
/// </summary>
public sealed class LoguStyleMeterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();

    // The meter is process-wide and tests run in parallel: names no other test uses.
    private readonly string _file = "file-" + Guid.NewGuid().ToString("N");
    private readonly string _failing = "failing-" + Guid.NewGuid().ToString("N");
    private readonly string _dropping = "dropping-" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reconfigure_EverySinksCountersGoOnFromTheirValuesBefore()
    {
        var provider = new LoguStyleLoggerProvider(Options());
        var logger = provider.CreateLogger("c");
        Log(logger, 1_000);
        await provider.FlushAsync();
        var before = Read();
        Assert.Equal((1_000, 11_000, 1_000), (before.Written, before.Bytes, before.Failed));

        provider.Reconfigure(Options());
        Assert.Equal(before, Read());

        Log(logger, 500);
        provider.Reconfigure(Options());
        Log(logger, 500);
        await provider.FlushAsync();
        Assert.Equal((2_000, 22_000, 2_000), (Read().Written, Read().Bytes, Read().Failed));

        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Reconfigure_DroppedRecordsStayCounted()
    {
        using var release = new ManualResetEventSlim();
        var provider = new LoguStyleLoggerProvider(Dropping(release));
        var logger = provider.CreateLogger("c");

        // The writer is held by its first record; its queue of 1 fills and the rest are dropped.
        Log(logger, 10);
        var dropped = _meter.Read("logustyle.records.dropped", _dropping);
        Assert.True(dropped > 0);
        release.Set();

        provider.Reconfigure(Dropping(release));
        Assert.True(_meter.Read("logustyle.records.dropped", _dropping) >= dropped);

        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_TheProvidersSeriesAreNoLongerReported()
    {
        var provider = new LoguStyleLoggerProvider(Options());
        Log(provider.CreateLogger("c"), 10);
        provider.Reconfigure(Options());

        await provider.DisposeAsync();

        using var fresh = new SinkMeter();
        Assert.Equal(0, fresh.Read("logustyle.records.written", _file));
    }

    private LoguStyleLoggerOptions Options() => new()
    {
        Sinks =
        {
            new FileSinkOptions(_folder.File("app.log"), _file) { Format = "{message}" },
            new DelegateSinkOptions(_failing, _ => throw new InvalidOperationException("down")),
        },
    };

    private LoguStyleLoggerOptions Dropping(ManualResetEventSlim release) => new()
    {
        Sinks =
        {
            new DelegateSinkOptions(_dropping, _ => release.Wait()) { Enqueue = true, QueueCapacity = 1, QueueFullMode = QueueFullMode.DropWrite },
        },
    };

    private (long Written, long Bytes, long Failed) Read() =>
        (_meter.Read("logustyle.records.written", _file), _meter.Read("logustyle.bytes.written", _file), _meter.Read("logustyle.sink.errors", _failing));

    private static void Log(ILogger logger, int count)
    {
        for (var i = 0; i < count; i++)
        {
            logger.LogInformation("0123456789");
        }
    }
}
