using System.Text.RegularExpressions;
using LoguStyle.Queue;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// What the meter last shows after a dispose or reload gave up on a stuck enqueued sink, through the public API only
/// (issue 15, an outside tester's reproductions 2, 3, 5 and 6): written + dropped + errors is every call logged, the
/// record the stuck sink held is counted as written once it returns, calls made while dispose runs are counted as the
/// sink's errors and named on stderr, the report names the bound as set, and the queue length reads 0 afterwards.
/// </summary>
public sealed class DisposeAccountingTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly SinkMeter _meter = new();
    private readonly StringWriter _errors = new();
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    // The meter is process-wide and tests run in parallel: a name no other test uses.
    private readonly string _sink = "stuck-" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        _release.Set();
        _meter.Dispose();
        _entered.Dispose();
        _release.Dispose();
    }

    [Fact]
    public async Task Dispose_CallsMadeWhileItRuns_AreCountedAsTheSinksErrorsAndNamedOnStderr()
    {
        // Before: the provider pointed its loggers at no sinks the moment dispose began, so the 67 calls of a 1 s
        // dispose were lost without a count or a word (written 0 + dropped 12 + errors 0 of 80 logged).
        var provider = StuckProvider(TimeSpan.FromSeconds(1));
        var logger = provider.CreateLogger("c");
        var sleepers = FillAndSleep(logger, provider);

        var disposing = Task.Run(() => provider.DisposeAsync().AsTask());

        // The sleepers are dropped at half the bound: dispose runs, and has half the bound still to go.
        await Task.WhenAll(sleepers).WaitAsync(Deadline);
        for (var i = 0; i < 20; i++)
        {
            logger.LogInformation("during {I}", i);
        }

        Assert.False(disposing.IsCompleted, "dispose ended before the calls made during it (the test proves nothing)");
        await disposing.WaitAsync(Deadline);

        Assert.Equal(20, _meter.Read("logustyle.sink.errors", _sink));
        Assert.Matches($"sink '{_sink}' refused 20 record\\(s\\) logged while the provider was being disposed", _errors.ToString());
        await AssertEveryCallCountedWhenTheSinkReturns(logged: 5 + 2 + 20);
    }

    [Fact]
    public async Task Dispose_GivesUpOnAStuckSink_TheMeterCountsItsRecordAsWrittenWhenItReturns()
    {
        // Before: the sink's series kept the counts it had at dispose, so the record the stuck sink wrote after the
        // give-up never reached the meter (written 0 + dropped 6 of 7 logged).
        var provider = StuckProvider(TimeSpan.FromSeconds(1));
        var logger = provider.CreateLogger("c");
        var sleepers = FillAndSleep(logger, provider);
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        await Task.WhenAll(sleepers).WaitAsync(Deadline);

        Assert.Equal(6, _meter.Read("logustyle.records.dropped", _sink));
        await AssertEveryCallCountedWhenTheSinkReturns(logged: 7);
    }

    [Fact]
    public async Task Reconfigure_GivesUpOnAStuckSink_TheMeterCountsItsRecordAsWrittenWhenItReturns()
    {
        // The same through a reload that keeps the sink's name: its series goes on with the new sink's counts.
        var provider = StuckProvider(TimeSpan.FromSeconds(1));
        var logger = provider.CreateLogger("c");
        var sleepers = FillAndSleep(logger, provider);
        await Task.Run(() => provider.Reconfigure(new LoguStyleLoggerOptions
        {
            DisposeTimeout = TimeSpan.FromSeconds(1),
            Sinks = { new DelegateSinkOptions(_sink, _ => { }) { Enqueue = true, QueueCapacity = 5 } },
        })).WaitAsync(Deadline);
        await Task.WhenAll(sleepers).WaitAsync(Deadline);
        for (var i = 0; i < 10; i++)
        {
            logger.LogInformation("next {I}", i);
        }

        await provider.FlushAsync().WaitAsync(Deadline);
        await AssertEveryCallCountedWhenTheSinkReturns(logged: 7 + 10);
        await provider.DisposeAsync();
    }

    [Theory]
    [InlineData(0.75, "0.75 s")]
    [InlineData(0.05, "50 ms")]
    [InlineData(1.25, "1.25 s")]
    public async Task Dispose_GivesUp_TheReportNamesTheBoundAsSet(double seconds, string named)
    {
        // Before: 0.75 s was named "0.8 s", 0.05 s "0.1 s", 1.25 s "1.3 s".
        var provider = StuckProvider(TimeSpan.FromSeconds(seconds));
        var logger = provider.CreateLogger("c");
        logger.LogInformation("r0");
        Assert.True(_entered.Wait(Deadline));
        logger.LogInformation("q1");
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);

        Assert.Matches($"sink '{_sink}' did not drain within {Regex.Escape(named)};", _errors.ToString());
    }

    [Fact]
    public async Task Dispose_GivesUp_TheQueueLengthReadsZeroAfterwards()
    {
        // Before: the gauge kept its last value, 4, though dispose counted those 4 records as dropped.
        var provider = StuckProvider(TimeSpan.FromSeconds(1));
        var logger = provider.CreateLogger("c");
        var sleepers = FillAndSleep(logger, provider);
        Assert.Equal(4, _meter.Read("logustyle.queue.length", _sink));

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        await Task.WhenAll(sleepers).WaitAsync(Deadline);

        Assert.Equal(0, _meter.Read("logustyle.queue.length", _sink));
        Assert.Equal(6, _meter.Read("logustyle.records.dropped", _sink));
    }

    [Theory]
    [InlineData(QueueFullMode.DropWrite, false)]
    [InlineData(QueueFullMode.DropOldest, false)]
    [InlineData(QueueFullMode.DropWrite, true)]
    [InlineData(QueueFullMode.DropOldest, true)]
    public async Task GiveUp_WhileTheSinkWritesTheDropReport_TheRecordTheWriterHeldIsDropped_NeverHandedOverAfterwards(QueueFullMode mode, bool reload)
    {
        // Before: the writer took the next record (counted in flight), then wrote the in-band drop report first; the
        // sink stuck in the report held the dispose (or reload) until it gave up, and once the sink returned, the writer
        // handed it that record, after Dispose() had returned (an outside tester: 4 of 9 runs).
        using var entered = new SemaphoreSlim(0);
        using var permits = new SemaphoreSlim(0);
        var closed = 0;
        var calls = new System.Collections.Concurrent.ConcurrentQueue<(string Message, bool AfterClose)>();
        var bound = TimeSpan.FromMilliseconds(200);
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                DisposeTimeout = bound,
                Sinks =
                {
                    new DelegateSinkOptions(_sink, record =>
                    {
                        calls.Enqueue((record.Message, Volatile.Read(ref closed) == 1));
                        entered.Release();
                        permits.Wait();
                    })
                    { Enqueue = true, QueueCapacity = 2, QueueFullMode = mode },
                },
            },
            TimeProvider.System,
            TextWriter.Synchronized(_errors));
        var logger = provider.CreateLogger("c");
        var queue = (QueuedSink)provider.CurrentSinks.Single();

        // r0 in the sink's hands; two of r1-r4 queued, two dropped (DropWrite: r3 and r4; DropOldest: r1 and r2).
        logger.LogInformation("r0");
        Assert.True(await entered.WaitAsync(Deadline));
        for (var i = 1; i <= 4; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        // r0 returns; the writer's next call into the sink is the drop report, which it holds.
        permits.Release();
        Assert.True(await entered.WaitAsync(Deadline));
        Assert.StartsWith("LoguStyle dropped 2 records", calls.Last().Message, StringComparison.Ordinal);

        if (reload)
        {
            await Task.Run(() => provider.Reconfigure(new LoguStyleLoggerOptions
            {
                DisposeTimeout = bound,
                Sinks = { new DelegateSinkOptions(_sink + "-next", _ => { }) },
            })).WaitAsync(Deadline);
        }
        else
        {
            await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        }

        Volatile.Write(ref closed, 1);
        permits.Release(100);
        await queue.Writer.WaitAsync(Deadline);

        Assert.DoesNotContain(calls, call => call.AfterClose);
        Assert.Equal(["r0"], calls.Select(call => call.Message).Where(message => !message.StartsWith("LoguStyle", StringComparison.Ordinal)));
        Assert.Matches($"sink '{_sink}' did not drain within 0.2 s; 2 queued record\\(s\\) were not written, 0 waiting call\\(s\\) were dropped;", _errors.ToString());
        Assert.Equal((1L, 4L), (_meter.Read("logustyle.records.written", _sink), _meter.Read("logustyle.records.dropped", _sink)));
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task GiveUp_WithWaitingCallsDroppedAndRecordsLeft_TheDropLinesAddUpToTheMeter_TheGiveUpLineIsNotAdded()
    {
        // Before: the give-up line named the 2 waiting calls, which the drop line counted too, and the drop line's
        // "in all" (2) left out the 4 queued records the give-up dropped: adding every stderr number said 8 of 6.
        var provider = StuckProvider(TimeSpan.FromSeconds(1));
        var sleepers = FillAndSleep(provider.CreateLogger("c"), provider);
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        await Task.WhenAll(sleepers).WaitAsync(Deadline);

        var text = _errors.ToString();
        var lines = Regex.Matches(text, $"LoguStyle dropped ([0-9]+) records from sink '{_sink}'").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6, _meter.Read("logustyle.records.dropped", _sink));
        Assert.Equal(6, lines.Sum());
        Assert.Contains("; 6 dropped in all, 4 of them still queued when the queue gave up", text, StringComparison.Ordinal);
        Assert.Contains(
            $"sink '{_sink}' did not drain within 1 s; 4 queued record(s) were not written, 2 waiting call(s) were dropped; 1 record(s) the sink is still writing are counted when it returns; both are among the records the 'LoguStyle dropped N records' lines add up to, not in addition.",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_GivesUpWhileTheWriterHoldsABurst_TheRestOfTheBurstIsDroppedAndNeverHandedToTheSink()
    {
        // The writer takes records out of the channel in bursts (ChannelBurst): here all five at once, stuck in the
        // first. The four behind it are out of the channel but still queued by the counts: the give-up counts them as
        // dropped, and the writer lets them go when the sink returns instead of handing them over after the dispose.
        var received = new List<string>();
        using var letRead = new ManualResetEventSlim();
        var provider = StuckProvider(TimeSpan.FromSeconds(1), capacity: 8, received);
        var queue = (QueuedSink)provider.CurrentSinks.Single();

        // Held before it reads (at its start, or when the first record wakes it), so it finds all five in the channel.
        queue.BeforeBatch = () => letRead.Wait(Deadline);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 5; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        letRead.Set();
        Assert.True(_entered.Wait(Deadline), "the sink never got its first record");
        Assert.Equal(4, queue.Counters.Queued);

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        Assert.Equal(4, _meter.Read("logustyle.records.dropped", _sink));
        Assert.Contains("4 queued record(s) were not written", _errors.ToString(), StringComparison.Ordinal);

        _release.Set();
        await queue.Writer.WaitAsync(Deadline);
        lock (received)
        {
            Assert.Equal(["r0"], received);
        }

        await AssertEveryCallCountedWhenTheSinkReturns(logged: 5);
    }

    /// <summary>
    /// A provider with one enqueued Wait-mode sink (capacity 4 unless told) whose writer is stuck in its first record
    /// until released; the messages the sink is handed go into <paramref name="received"/> when given.
    /// </summary>
    private LoguStyleLoggerProvider StuckProvider(TimeSpan disposeTimeout, int capacity = 4, List<string>? received = null) => new(
        new LoguStyleLoggerOptions
        {
            DisposeTimeout = disposeTimeout,
            Sinks =
            {
                new DelegateSinkOptions(_sink, record =>
                {
                    if (received is not null)
                    {
                        lock (received)
                        {
                            received.Add(record.Message);
                        }
                    }

                    _entered.Set();
                    _release.Wait();
                })
                { Enqueue = true, QueueCapacity = capacity, QueueFullMode = QueueFullMode.Wait },
            },
        },
        TimeProvider.System,
        TextWriter.Synchronized(_errors));

    /// <summary>r0 in the sink's hands, 4 records queued, 2 callers asleep for room: 7 calls, 6 of them lost at a give-up.</summary>
    private Task[] FillAndSleep(ILogger logger, LoguStyleLoggerProvider provider)
    {
        logger.LogInformation("r0");
        Assert.True(_entered.Wait(Deadline));
        for (var i = 1; i <= 4; i++)
        {
            logger.LogInformation("q{I}", i);
        }

        var queue = (QueuedSink)provider.CurrentSinks.Single();
        Task[] sleepers = [.. Enumerable.Range(0, 2).Select(i => Task.Factory.StartNew(
            () => logger.LogInformation("w{I}", i), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        Assert.True(SpinWait.SpinUntil(() => queue.Counters.Tickets - queue.Counters.Accepted >= 2, Deadline), "the callers never waited");
        return sleepers;
    }

    /// <summary>Releases the stuck sink and waits for the meter to show its record written: then every call logged is counted once.</summary>
    private async Task AssertEveryCallCountedWhenTheSinkReturns(long logged)
    {
        _release.Set();
        var until = DateTime.UtcNow + Deadline;
        long written, dropped, errors;
        do
        {
            await Task.Delay(10);
            written = _meter.Read("logustyle.records.written", _sink);
            dropped = _meter.Read("logustyle.records.dropped", _sink);
            errors = _meter.Read("logustyle.sink.errors", _sink);
        }
        while (written + dropped + errors < logged && DateTime.UtcNow < until);

        Assert.Equal(logged, written + dropped + errors);
    }
}
