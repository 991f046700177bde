using LoguStyle.Files;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// What one logging call allocates on the logging thread, per capture strategy: the hot path's budget. MEL's template
/// call is made with a ready array of boxed arguments, so the params array and the boxing of the arguments are left
/// out. What is left is the provider's, plus one box of MEL's state struct (<c>FormattedLogValues</c>, 48 bytes), which
/// the provider reads as a list; the least of five rounds is taken, so a pool chunk moving between threads or a queue
/// writer that fell behind once does not count. Run alone: another test's meter listener, beside it, would add what it
/// allocates per record to this thread.
/// </summary>
[Collection(nameof(CaptureAllocationTests))]
public class CaptureAllocationTests(ITestOutputHelper output) : IDisposable
{
    private const int Calls = 20_000;

    // The box of MEL's FormattedLogValues when the provider reads the state as a list.
    private const int StateBox = 48;

    // Less than the smallest object (24 bytes): an allocation added to every call shows; warm-up left over does not.
    private const int Slack = 8;
    private static readonly object?[] Arguments = [42, "acme"];
    // The record, its message, the properties' array, the state box: 544 bytes before the capture plan, 480 since (the
    // fields for pooling, deferred rendering and pre-rendered bytes moved to a companion a record of its own rarely needs).
    private const int OwnRecordBudget = 480;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DirectFileSink_ReusesTheThreadsRecord_AllocatesOnlyTheStateBox()
    {
        var perCall = BytesPerCall(new FileSinkOptions(_folder.File("direct.log")) { Format = "{time} {level} {message}" });
        Assert.InRange(perCall, 0, StateBox + Slack);
    }

    [Fact]
    public void EnqueuedFileSink_TakesRecordsFromThePool_AllocatesOnlyTheStateBoxOnTheLoggingThread()
    {
        var perCall = BytesPerCall(new FileSinkOptions(_folder.File("queued.log")) { Format = "{time} {level} {message}", Enqueue = true });
        Assert.InRange(perCall, 0, StateBox + Slack);
    }

    [Fact]
    public void DelegateSink_GetsARecordOfItsOwn_AllocatesNoMoreThanBefore()
    {
        // The record, its message string and the copied properties: the sink may keep them.
        var perCall = BytesPerCall(new DelegateSinkOptions("kept", static _ => { }));
        Assert.InRange(perCall, 0, OwnRecordBudget);
    }

    private double BytesPerCall(SinkOptions sink)
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleOptions { Sinks = { sink } });
        var logger = provider.CreateLogger("Alloc");
        var least = double.MaxValue;
        for (var round = 0; round < 6; round++)
        {
            // Round 0 warms up: the thread's record, the pool, the caches of the template and the time format.
            Assert.True(provider.FlushAsync().Wait(TimeSpan.FromSeconds(30)));
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                logger.Log(LogLevel.Information, "User {UserId} of {Tenant}", Arguments);
            }

            var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Calls;
            output.WriteLine($"{sink.Name} round {round}: {perCall:0.###} bytes per call");
            least = round == 0 ? least : Math.Min(least, perCall);
        }

        return least;
    }
}
