#if DEBUG
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// One enqueued sink as the only sink: the logging call hands its hold on the pooled record to the queue (see
/// <c>CapturePlan.HandsCallsHoldToQueue</c>). A call held just before its channel write while a reload gives up waiting
/// for it and closes the queue meets the completed channel, and its record goes on to the next generation of the sink
/// (a late call). The queue that refused it must not return it to the pool on the way: the next generation wrote a
/// record emptied for reuse, or one another call was filling, in place of this one.
/// </summary>
public sealed class LateCallOfAHandedOverRecordTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(QueueFullMode.Wait)]
    [InlineData(QueueFullMode.DropWrite)]
    [InlineData(QueueFullMode.DropOldest)]
    public async Task CallHeldAtItsChannelWritePastAReload_IsWrittenOnceAsLogged_ByTheNextGeneration(QueueFullMode mode)
    {
        var path = _folder.File("only.json");
        LoguStyleLoggerOptions Options() => new()
        {
            DisposeTimeout = TimeSpan.FromMilliseconds(200),
            Sinks = { new FileSinkOptions(path, "only") { Serialize = true, Enqueue = true, QueueFullMode = mode } },
        };
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(Options(), TimeProvider.System, TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        logger.LogInformation("before {Id}", 1);

        using var steps = new PauseAtStep("write.channel");
        var caller = new Thread(() =>
        {
            QueueSteps.Scheduler = steps;
            using (logger.BeginScope("request {RequestId}", 7))
            {
                logger.LogWarning(new InvalidOperationException("boom"), "late {Id} of {Tenant}", 42, "acme");
            }

            // The calls after it on the same thread take records from the pool: one returned by the refusal is among them.
            for (var i = 0; i < 5; i++)
            {
                logger.LogInformation("after {Id}", i);
            }
        })
        { IsBackground = true };
        caller.Start();
        Assert.True(steps.WaitUntilHeld(), "the call never reached its channel write");

        // The reload waits for the held call for its bound (200 ms), then completes the old queue, whose writer ends at
        // once (the held record is not in its channel). The bound is spent by then: under a step scheduler the drain waits
        // for that end instead of timing out at once, which would give the queue up and count the held record as
        // dropped. The call then goes on, meets the completed channel, and is refused: a late call.
        using var drainSeesTheEnd = new PauseAtStep("(no step held)");
        var reload = new Thread(() =>
        {
            QueueSteps.Scheduler = drainSeesTheEnd;
            provider.Reconfigure(Options());
        })
        { IsBackground = true };
        reload.Start();
        Assert.True(reload.Join(Deadline), "the reload did not return");
        steps.Go();
        Assert.True(caller.Join(Deadline), "the held call did not return");
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);

        var records = LogFile.Read(path).ToList();
        Assert.Equal(
            ["before 1", "late 42 of acme", .. Enumerable.Range(0, 5).Select(i => $"after {i}")],
            records.Select(record => record.Message));
        var late = records[1];
        Assert.Equal(LogLevel.Warning, late.Level);
        Assert.Equal("boom", late.Exception?.Message);
        Assert.Single(late.Scopes);
        Assert.Equal(
            [("Id", "42"), ("Tenant", "acme")],
            late.Properties.Select(pair => (pair.Key, Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(records.Where(record => record != late), record => Assert.Null(record.Exception));
        var stderr = errors.ToString();
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("dropped", stderr, StringComparison.Ordinal);
    }
}
#endif
