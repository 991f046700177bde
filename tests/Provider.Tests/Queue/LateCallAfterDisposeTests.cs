using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// A direct logging call stuck in one sink past a dispose that gave up on it goes on, once released, to the sinks after
/// that one, which the dispose has closed meanwhile. Each of them refuses the record as a disposed sink does (counted as
/// its error, under its name on the meter), never with the raw exception of its closed output (issue 15, outside test:
/// stderr showed "ObjectDisposedException: Cannot access a disposed object ... RotatingFile").
/// </summary>
public sealed class LateCallAfterDisposeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    // The meter is process-wide and tests run in parallel: names no other test uses.
    private readonly string _id = Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        _release.Set();
        _meter.Dispose();
        _folder.Dispose();
        _entered.Dispose();
        _release.Dispose();
    }

    [Fact]
    public async Task CallReleasedAfterDispose_ReachesClosedSinksOfEveryKind_EachRefusesAndCountsIt_NoRawException()
    {
        using var receiver = new UdpReceiver();
        var console = new MemoryConsole();
        string[] after = [$"text-{_id}", $"json-{_id}", $"console-{_id}", $"delegate-{_id}", $"syslog-{_id}", $"queued-{_id}"];
        var options = new LoguStyleLoggerOptions
        {
            DisposeTimeout = TimeSpan.FromMilliseconds(200),
            Sinks =
            {
                StuckSink(),
                new FileSinkOptions(_folder.File("text.log"), after[0]) { Format = "{message}" },
                new FileSinkOptions(_folder.File("app.json"), after[1]) { Serialize = true },
                console.Sink(after[2], "{message}"),
                new DelegateSinkOptions(after[3], _ => { }),
                new SyslogSinkOptions(after[4]) { Port = receiver.Port, AppName = "t", Format = "{message}" },
                new FileSinkOptions(_folder.File("queued.log"), after[5]) { Format = "{message}", Enqueue = true },
            },
        };
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var blocked = Task.Run(() => logger.LogInformation("block"));
        Assert.True(_entered.Wait(Deadline));

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        _release.Set();
        await blocked.WaitAsync(Deadline);

        var stderr = errors.ToString();
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("could not write a record", stderr, StringComparison.Ordinal);
        foreach (var sink in after)
        {
            Assert.Equal(1, _meter.Read("logustyle.sink.errors", sink));
            Assert.Equal(0, _meter.Read("logustyle.records.written", sink));
        }

        Assert.DoesNotContain("block", File.ReadAllText(_folder.File("text.log")), StringComparison.Ordinal);
        Assert.DoesNotContain("block", console.Text, StringComparison.Ordinal);
    }
    [Fact]
    public async Task CallReleasedAfterAReloadGaveUpOnIt_GoesOnToTheNewGenerationOfTheClosedSink_WrittenOnce_NoRawException()
    {
        // The same through a reload: the old file sink is closed under the stuck call, and its successor of the same
        // name writes the record ("old sinks or new ones, never neither").
        var name = $"text-{_id}";
        LoguStyleLoggerOptions Options() => new()
        {
            DisposeTimeout = TimeSpan.FromMilliseconds(200),
            Sinks =
            {
                StuckSink(),
                new FileSinkOptions(_folder.File("text.log"), name) { Format = "{message}" },
            },
        };
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(Options(), TimeProvider.System, TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var blocked = Task.Run(() => logger.LogInformation("block"));
        Assert.True(_entered.Wait(Deadline));

        provider.Reconfigure(Options());
        _release.Set();
        await blocked.WaitAsync(Deadline);
        await provider.DisposeAsync();

        Assert.DoesNotContain("Exception", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(["block"], File.ReadAllLines(_folder.File("text.log")));
        Assert.Equal(1, _meter.Read("logustyle.records.written", name));
        Assert.Equal(0, _meter.Read("logustyle.sink.errors", name));
    }

    // A direct sink that holds the call logging "block" until the test releases it.
    private DelegateSinkOptions StuckSink() => new($"stuck-{_id}", record =>
    {
        if (record.Message == "block")
        {
            _entered.Set();
            _release.Wait();
        }
    });
}
