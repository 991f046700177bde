using System.Globalization;
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// An enqueued file's callers append to the lane of the core they run on (RenderedSegments, RenderedLane), and every
/// hand-over takes every lane at once, merged by ticket (SegmentCut). Through the public API and real files, with
/// threads put on chosen cores (<see cref="CoreAffinity"/>) and moved between them while they log: what a user would
/// check is that every record is written once, each thread's in order, a record logged after another call returned
/// (on any thread, on any core) after it, and that a flush and a dispose take every lane.
/// </summary>
public sealed class RenderedLanesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(QueueFullMode.Wait, 10_000)]
    [InlineData(QueueFullMode.Wait, 7)]
    [InlineData(QueueFullMode.DropWrite, 10_000)]
    public async Task ABatonPassedBetweenThreadsOnDifferentCores_IsWrittenInTheOrderOfTheCalls(QueueFullMode mode, int capacity)
    {
        // Each call returns before the next thread's call begins (the baton), and the threads sit on different cores and
        // move between them: consecutive records land in different lanes. The file must hold them in the order of the
        // calls, in the text file and in the JSON file alike.
        var cores = CoreAffinity.CoresForTwoLanes();
        const int Threads = 4;
        const int Records = 3_000;
        var text = _folder.File("text.log");
        var json = _folder.File("json.log");
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(text) { Format = "{message}", Enqueue = true, QueueCapacity = capacity, QueueFullMode = mode },
                new FileSinkOptions(json) { Serialize = true, Enqueue = true, QueueCapacity = capacity, QueueFullMode = mode },
            },
        });
        var logger = provider.CreateLogger("c");
        Assert.All(provider.CurrentSinks, sink => Assert.True(((QueuedSink)sink).Segments!.LaneCount >= 2, "the queue has one lane"));
        var turn = 0;
        RunThreads(Threads, t =>
        {
            for (var n = t; n < Records; n += Threads)
            {
                // A thread moves to the other core every 50 of its turns.
                if ((n / Threads) % 50 == 0)
                {
                    CoreAffinity.Pin((t + (n / Threads / 50)) % cores);
                }

                var mine = n;
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref turn) == mine, Deadline), $"turn {mine} never came");
                logger.LogInformation("{N}", mine);
                Volatile.Write(ref turn, mine + 1);
            }
        });

        await provider.FlushAsync(CancellationToken.None);
        var expected = Enumerable.Range(0, Records).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, File.ReadAllLines(text));
        Assert.Equal(expected, File.ReadAllLines(json).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData(QueueFullMode.Wait, 10_000)]
    [InlineData(QueueFullMode.Wait, 100)]
    [InlineData(QueueFullMode.DropWrite, 10_000)]
    public async Task ThreadsLoggingOnEveryCore_MovingBetweenThem_EveryRecordOnce_InEachThreadsOrder_SeveralLanesMerged(QueueFullMode mode, int capacity)
    {
        var cores = CoreAffinity.CoresForTwoLanes();
        const int Threads = 4;
        const int Each = 40_000;
        var path = _folder.File("app.log");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = capacity, QueueFullMode = mode } },
        });
        var logger = provider.CreateLogger("c");
        var queue = (QueuedSink)provider.CurrentSinks.Single();
        var segments = queue.Segments!;
        RunThreads(Threads, t =>
        {
            for (var i = 0; i < Each; i++)
            {
                if (i % 1_000 == 0)
                {
                    CoreAffinity.Pin((t + (i / 1_000)) % cores);
                }

                logger.LogInformation("{T} {I}", t, i);
            }
        });

        var cuts = segments.CutsOfSeveralLanes;
        await provider.DisposeAsync();
        var stats = queue.Stats;
        var (inversions, gapsOrDuplicates, next) = ThreadOrder.Check(File.ReadLines(path), Threads);
        Assert.Equal(0, inversions);
        Assert.Equal(Threads * Each, stats.Written + stats.Dropped);
        Assert.Equal(File.ReadLines(path).LongCount(), stats.Written);
        if (mode == QueueFullMode.Wait)
        {
            Assert.Equal(0, gapsOrDuplicates);
            Assert.All(next, n => Assert.Equal(Each, n));
        }
        else
        {
            // DropWrite may drop (a gap), never repeat: the lines are distinct.
            Assert.Equal(File.ReadLines(path).Count(), File.ReadLines(path).Distinct().Count());
        }

        Assert.True(cuts > 0, "no hand-over found records in two lanes: the merge was not exercised");
    }

    [Fact]
    public async Task AFlush_AfterCallsOnEveryCore_CoversEveryOneOfThem()
    {
        var cores = CoreAffinity.CoresForTwoLanes();
        var path = _folder.File("app.log");
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        });
        var logger = provider.CreateLogger("c");
        var written = 0;
        for (var round = 0; round < 30; round++)
        {
            // A few records a core, fewer than a segment holds: they wait in the lanes' open segments unless the flush
            // takes every lane.
            RunThreads(cores, core =>
            {
                CoreAffinity.Pin(core);
                for (var i = 0; i < 1 + round; i++)
                {
                    logger.LogInformation("{R} {C} {I}", round, core, i);
                }
            });

            await provider.FlushAsync(CancellationToken.None);
            written += cores * (1 + round);
            var lines = File.ReadAllLines(path);
            Assert.Equal(written, lines.Length);
            Assert.All(
                Enumerable.Range(0, cores).SelectMany(core => Enumerable.Range(0, 1 + round).Select(i => $"{round} {core} {i}")),
                line => Assert.Contains(line, lines));
        }
    }

    [Fact]
    public async Task ADispose_WithRecordsWaitingInEveryLane_WritesEveryOne()
    {
        var cores = CoreAffinity.CoresForTwoLanes();
        var path = _folder.File("app.log");
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        });
        var logger = provider.CreateLogger("c");
        RunThreads(cores, core =>
        {
            CoreAffinity.Pin(core);
            for (var i = 0; i < 300; i++)
            {
                logger.LogInformation("{C} {I}", core, i);
            }
        });

        await provider.DisposeAsync();
        var (inversions, gapsOrDuplicates, next) = ThreadOrder.Check(File.ReadLines(path), cores);
        Assert.Equal((0, 0), (inversions, gapsOrDuplicates));
        Assert.All(next, n => Assert.Equal(300, n));
    }

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="count"/> threads of their own and waits for them; a thread's failure
    /// fails the test (not the process), and each thread may run on every core again when it ends.
    /// </summary>
    private static void RunThreads(int count, Action<int> body)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(index => new Thread(() =>
        {
            try
            {
                body(index);
            }
#pragma warning disable CA1031 // Handed to the test's thread, which fails with it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Enqueue(ex);
            }
            finally
            {
                CoreAffinity.Unpin();
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(Deadline), "a logging thread did not end");
        }

        if (!failures.IsEmpty)
        {
            throw new AggregateException(failures);
        }
    }
}
