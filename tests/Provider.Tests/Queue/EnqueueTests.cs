using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LoguStyle.Files;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

public class EnqueueTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EnqueuedFile_FourThreads_EachThreadsRecordsInOrder()
    {
        var path = _folder.File("app.log");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = 100 } },
        });
        var logger = provider.CreateLogger("c");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                logger.LogInformation("{T} {I}", t, i);
            }
        })));
        await provider.DisposeAsync();

        var lines = File.ReadAllLines(path).Select(l => l.Split(' ')).Select(p => (T: int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), I: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(80_000, lines.Count);
        foreach (var thread in lines.GroupBy(l => l.T))
        {
            Assert.Equal(Enumerable.Range(0, 20_000), thread.Select(l => l.I));
        }
    }

    [Fact]
    public async Task WaitMode_EightProducersAgainstABlockedSink_LoseNothing()
    {
        using var release = new ManualResetEventSlim();
        var delivered = new ConcurrentQueue<string>();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("slow", r =>
                {
                    release.Wait();
                    delivered.Enqueue(r.Message);
                })
                { Enqueue = true, QueueCapacity = 50 },
            },
        });
        var logger = provider.CreateLogger("c");
        var queued = (QueuedSink)provider.CurrentSinks.Single();

        // Threads of their own: they block for room by design, and eight blocked pool threads would make the test (and
        // the classes beside it) depend on how fast the pool adds threads on a loaded machine.
        var producers = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 1_000; i++)
                {
                    logger.LogInformation("{T}-{I}", t, i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        // The queue fills and the producers wait for room instead of dropping.
        Assert.True(SpinWait.SpinUntil(() => queued.Stats.QueueLength!() == 50, Deadline));
        Assert.False(producers.All(p => p.IsCompleted));
        release.Set();
        await Task.WhenAll(producers).WaitAsync(Deadline);

        // Drained on a condition first: dispose alone gives up after its 5 s bound, and a loaded machine could then
        // fail the test on its speed, with records counted as dropped that were never at risk.
        await provider.FlushAsync().WaitAsync(Deadline);
        await provider.DisposeAsync();

        Assert.Equal(8_000, delivered.Count);
        Assert.Equal(8_000, delivered.Distinct().Count());
        Assert.Equal(0, queued.Stats.Dropped);
    }

    [Theory]
    [InlineData(QueueFullMode.DropWrite, 1, 10)]
    [InlineData(QueueFullMode.DropOldest, 21, 30)]
    public async Task DropModes_DropExactlyWhatTheySay_AndReportTheCount(QueueFullMode mode, int firstKept, int lastKept)
    {
        using var release = new ManualResetEventSlim();
        using var blocked = new ManualResetEventSlim();
        var delivered = new ConcurrentQueue<LogRecord>();
        var errors = new StringWriter();
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new DelegateSinkOptions("drops", r =>
                    {
                        blocked.Set();
                        release.Wait();
                        delivered.Enqueue(r);
                    })
                    { Enqueue = true, QueueCapacity = 10, QueueFullMode = mode },
                },
            },
            TimeProvider.System,
            errors);
        var logger = provider.CreateLogger("c");
        var queued = (QueuedSink)provider.CurrentSinks.Single();

        logger.LogInformation("r{I}", 0);
        Assert.True(blocked.Wait(Deadline));
        for (var i = 1; i <= 30; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        Assert.Equal(20, queued.Stats.Dropped);
        release.Set();
        await provider.DisposeAsync();

        var messages = delivered.Select(r => r.Message).ToList();
        Assert.Equal("r0", messages[0]);
        Assert.StartsWith("LoguStyle dropped 20 records from sink 'drops' since ", messages[1], StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, delivered.ElementAt(1).Level);
        Assert.Equal(Enumerable.Range(firstKept, lastKept - firstKept + 1).Select(i => $"r{i}"), messages.Skip(2));
        Assert.Contains("LoguStyle dropped 20 records from sink 'drops'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meter_PublishesWrittenDroppedBytesAndQueueLengthPerSink()
    {
        var path = _folder.File("metered.log");
        var measurements = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "LoguStyle")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "sink" && Equals(tag.Value, path))
                {
                    measurements[instrument.Name] = value;
                }
            }
        });
        listener.Start();

        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        }))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("0123456789");
            }

            await provider.FlushAsync();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(100, measurements["logustyle.records.written"]);
        Assert.Equal(1_100, measurements["logustyle.bytes.written"]);
        Assert.Equal(0, measurements["logustyle.records.dropped"]);
        Assert.Equal(0, measurements["logustyle.sink.errors"]);
        Assert.Equal(0, measurements["logustyle.queue.length"]);
    }

    [Fact]
    public async Task EnqueuedRecord_MutableProperty_IsCapturedAtCallTime()
    {
        using var release = new ManualResetEventSlim();
        var delivered = new ConcurrentQueue<LogRecord>();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("later", r =>
                {
                    release.Wait();
                    delivered.Enqueue(r);
                })
                { Enqueue = true },
            },
        });
        var logger = provider.CreateLogger("c");
        var cart = new Cart { Items = 1 };
        var scope = new Dictionary<string, object?> { ["Step"] = "before" };

        using (logger.BeginScope(scope))
        {
            logger.LogInformation("cart {Cart} count {Count} at {When}", cart, 3, new DateTime(2026, 1, 1));
        }

        cart.Items = 99;
        scope["Step"] = "after";
        release.Set();
        await provider.DisposeAsync();

        var record = Assert.Single(delivered);
        Assert.Equal("Cart(1)", record.Properties[0].Value);
        Assert.Equal(3, record.Properties[1].Value);
        Assert.Equal(new DateTime(2026, 1, 1), record.Properties[2].Value);
        Assert.True(record.TryGetProperty("Step", out var step));
        Assert.Equal("before", step);
    }

    [Fact]
    public async Task Dispose_WhileProducersLog_NeitherDeadlocksNorThrowsIntoThem()
    {
        var path = _folder.File("busy.log");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = 100 } },
        });
        var logger = provider.CreateLogger("c");
        using var stop = new CancellationTokenSource();
        var logged = new int[4];
        var producers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                logger.LogInformation("{T}", t);
                logged[t]++;
            }
        })).ToArray();

        Assert.True(SpinWait.SpinUntil(() => logged.Sum() > 10_000, Deadline));
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        var afterDispose = logged.Sum();
        Assert.True(SpinWait.SpinUntil(() => logged.Sum() > afterDispose + 1_000, Deadline));
        await stop.CancelAsync();
        await Task.WhenAll(producers).WaitAsync(Deadline);

        Assert.All(producers, p => Assert.True(p.IsCompletedSuccessfully));
        Assert.True(File.ReadAllLines(path).Length >= 10_000);
    }

    [Theory]
    [InlineData("unhandled")]
    [InlineData("exit")]
    public async Task ChildProcess_ThatDiesOrExitsWithoutDisposing_DrainsItsQueueToTheFile(string mode)
    {
        var path = _folder.File($"{mode}.log");

        var run = await ProcessRun.StartAsync("dotnet", [RepositoryPaths.TestApp, mode, path, "50000"], _folder.Path, new Dictionary<string, string?>(), TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("logged 50000", run.StandardOutput, StringComparison.Ordinal);
        if (mode == "unhandled")
        {
            Assert.Contains("the test app dies here", run.StandardError, StringComparison.Ordinal);
        }

        // Dying of an unhandled exception, the process writes it last, as a Critical record (LogUnhandledExceptions).
        var lines = File.ReadAllLines(path);
        Assert.Equal(Enumerable.Range(0, 50_000).Select(i => $"record {i}"), lines.Take(50_000));
        Assert.Equal(mode == "unhandled" ? "Unhandled exception on thread 1; the process is ending" : null, lines.ElementAtOrDefault(50_000));
    }

    [Fact]
    public async Task ReusedArgumentArray_EachRecordKeepsTheValuesOfItsOwnCall()
    {
        // MEL's state holds the caller's own params array. A caller may fill one array again for each call; the
        // writer, which is held back here until every call has returned, must still write each call's values.
        using var release = new ManualResetEventSlim();
        using var blocked = new ManualResetEventSlim();
        var lines = new ConcurrentQueue<string>();
        var text = DelegateSinkOptions.ForText("reused", line =>
        {
            blocked.Set();
            release.Wait();
            lines.Enqueue(line);
        });
        text.Format = "{message} {extra[Id]}";
        text.Enqueue = true;
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { text } });
        var logger = provider.CreateLogger("c");

        var args = new object?[2];
#pragma warning disable CA2254 // The template is a constant; the analyzer sees an array of arguments.
        for (var i = 0; i < 1000; i++)
        {
            args[0] = i;
            args[1] = $"order-{i}";
            logger.LogInformation("Order {Id} named {Name}", args);
            if (i == 0)
            {
                Assert.True(blocked.Wait(Deadline));
            }
        }
#pragma warning restore CA2254

        release.Set();
        await provider.DisposeAsync();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"Order {i} named order-{i} {i}\n"), lines);
    }

    private sealed class Cart
    {
        public int Items { get; set; }

        public override string ToString() => $"Cart({Items})";
    }
}
