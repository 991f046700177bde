using System.Globalization;
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// An enqueued file's callers format their records into segments that the writer takes whole (RenderedSegments):
/// through the public API and real files, what a user would check. A record never waits in a segment while the
/// writer sleeps, a record larger than a segment is written whole in its place, segments roll over many times with
/// every thread's order kept, and a dispose under load counts every call once.
/// </summary>
public sealed class FileQueueSegmentsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(QueueFullMode.Wait)]
    [InlineData(QueueFullMode.DropWrite)]
    public async Task ARecordLoggedWhileTheWriterWaits_ReachesTheFileWithoutAFlush(QueueFullMode mode)
    {
        var path = _folder.File("app.log");
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true, QueueCapacity = 3, QueueFullMode = mode } },
        });
        var logger = provider.CreateLogger("c");
        var segments = ((QueuedSink)provider.CurrentSinks.Single()).Segments!;

        for (var i = 0; i < 20; i++)
        {
            // The writer has run dry and waits for its channel: the record goes into the open segment, and its caller
            // must hand that over, or the record waits there until the next flush.
            Assert.True(SpinWait.SpinUntil(() => segments.WriterWaiting, Deadline), "the idle writer never waited");
            logger.LogInformation("r{I}", i);
            Assert.True(
                SpinWait.SpinUntil(() => ReadLines(path).Length == i + 1, Deadline),
                $"record {i} is not in the file: [{string.Join(", ", ReadLines(path))}]");
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"r{i}"), ReadLines(path));
    }

    [Fact]
    public async Task ACallerLoggingWithoutPause_TheWriterTakesTheOpenSegmentOnlyOnceEachTimeItWakes_AndEveryRecordIsWritten()
    {
        // A writer that took the open segment each time it ran through the channel took it every record or two from a
        // caller that logs without pause (and took the segments' lock and lines from the caller's core each time). It
        // now takes it once each time it wakes: after a nap of at least a millisecond, or for a full segment the callers
        // handed over. With one caller half the queue never waits in the open segment (it holds at most 1,024 records
        // of 10,000), so nothing else makes it take one. The bound holds on a machine of any speed: the clock covers the
        // writer's whole life until the count is read.
        var path = _folder.File("app.log");
        const int Records = 200_000;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        });
        var logger = provider.CreateLogger("c");
        var segments = ((QueuedSink)provider.CurrentSinks.Single()).Segments!;

        for (var i = 0; i < Records; i++)
        {
            logger.LogInformation("r{I}", i);
        }

        var taken = segments.WriterHandOvers;
        var full = segments.FullHandOvers;
        var elapsedMs = clock.Elapsed.TotalMilliseconds;
        Assert.True(
            taken <= Math.Ceiling(elapsedMs) + full + 2,
            $"the writer took the open segment {taken} times in {elapsedMs:F1} ms beside {full} full segments ({Records} records)");

        await provider.FlushAsync(CancellationToken.None);
        var lines = ReadLines(path);
        Assert.Equal(Records, lines.Length);
        Assert.Equal("r0", lines[0]);
        Assert.Equal($"r{Records - 1}", lines[^1]);
    }

    [Fact]
    public void FullSegments_AreReusedOldestFirst_BehindReuseDistanceOthers_AndPartFullHandOversKeepThePoolSmall()
    {
        // The writer's side played by the test: each segment is read out of the channel and given back at once, as a
        // writer that keeps up does. A full segment's successor is then never the one just given back (its lines still in
        // the writer's caches); a quiet queue's part-full hand-overs reuse the oldest at once.
        var channel = System.Threading.Channels.Channel.CreateUnbounded<object>();
        var segments = new RenderedSegments(channel.Writer, new MessageBytes(), lanes: 1);
        var record = new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", new string('x', 1000));
        var uses = new List<RenderedSegment>();
        for (var i = 0; i < 200 * 60; i++)
        {
            Assert.True(segments.TryAppend(record, ticket: 0));
            while (channel.Reader.TryRead(out var item))
            {
                var segment = (RenderedSegment)item;
                uses.Add(segment);
                segments.Return(segment);
            }
        }

        Assert.True(uses.Count > 150, $"only {uses.Count} full segments");
        for (var k = 0; k < uses.Count; k++)
        {
            var before = k == 0 ? -1 : uses.FindLastIndex(k - 1, k, s => ReferenceEquals(s, uses[k]));
            Assert.True(before < 0 || k - before > RenderedSegments.ReuseDistance, $"use {k} reused the segment of use {before}");
        }

        Assert.InRange(uses.Distinct().Count(), RenderedSegments.ReuseDistance + 1, RenderedSegments.ReuseDistance + 2);

        // The pool grew on the writer's side (Return): the logging thread made only the segment after its first.
        Assert.Equal(1, segments.MadeByCallers);

        var quiet = new RenderedSegments(channel.Writer, new MessageBytes(), lanes: 1);
        var quietUses = new HashSet<RenderedSegment>();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(quiet.TryAppend(record, ticket: 0));
            Assert.True(quiet.HandOverForWriter());
            Assert.True(channel.Reader.TryRead(out var item));
            quietUses.Add((RenderedSegment)item);
            quiet.Return((RenderedSegment)item);
        }

        Assert.InRange(quietUses.Count, 1, 2);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(RenderedSegments.ReuseDistance)]
    [InlineData(RenderedSegments.ReuseDistance + 10)]
    public void AWriterThatFallsBehindAfterThePoolGrew_LeavesNoSegmentToMakeOnTheLoggingThread_UnlessNoneIsFree(int stalled)
    {
        // The writer keeps up until the pool has grown, then stops reading for `stalled` full segments (a host stall,
        // a slow disk) and catches up. A full hand-over that finds ReuseDistance or fewer segments free takes one the
        // writer made, else the oldest free one: the logging thread makes a segment only when none is free at all.
        var channel = System.Threading.Channels.Channel.CreateUnbounded<object>();
        var segments = new RenderedSegments(channel.Writer, new MessageBytes(), lanes: 1);
        var written = new List<string>();
        var next = 0;
        void Append() => Assert.True(segments.TryAppend(new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", $"{next++:D6}" + new string('x', 994)), ticket: next));
        void Drain()
        {
            while (channel.Reader.TryRead(out var item))
            {
                var segment = (RenderedSegment)item;
                for (var r = 0; r < segment.Count; r++)
                {
                    written.Add(System.Text.Encoding.UTF8.GetString(segment.Record(r))[..6]);
                }

                segments.Return(segment);
            }
        }

        while (segments.FullHandOvers < 3 * RenderedSegments.ReuseDistance)
        {
            Append();
            Drain();
        }

        var madeBefore = segments.MadeByCallers;
        var fullBefore = segments.FullHandOvers;
        while (segments.FullHandOvers < fullBefore + stalled)
        {
            Append();
        }

        Drain();
        for (var i = 0; i < 100_000 / 1000 * 60; i++)
        {
            Append();
            Drain();
        }

        // The grown pool holds ReuseDistance + 1 free segments beside the open one: a stall of more full segments than
        // that leaves none free, and only then a logging thread makes one for each segment beyond it.
        var expected = Math.Max(0, stalled - (RenderedSegments.ReuseDistance + 1));
        Assert.Equal(expected, segments.MadeByCallers - madeBefore);
        Assert.Equal(Enumerable.Range(0, written.Count).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)), written);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8_300)]
    [InlineData(RenderedSegment.CompactBytes)]
    [InlineData(RenderedSegment.CompactBytes + 1)]
    [InlineData(50_000)]
    public void AStuckWriter_WhileItsAppFlushesAfterEveryRecord_HoldsAboutTheRecordsBytes_NotASegmentEach(int length)
    {
        // The writer is stuck (nothing reads the channel) while the app logs a record and flushes, with a flush that
        // gives up waiting, 300 times: up to half a segment, each flush hands the records over in a copy of their size;
        // above it the segment goes whole, its arrays at most 2.9 times the record. A whole segment each would hold
        // 300 x 92 KiB.
        var channel = System.Threading.Channels.Channel.CreateUnbounded<object>();
        var segments = new RenderedSegments(channel.Writer, new MessageBytes(), lanes: 1);
        var barriers = new FlushBarriers();
        const int Flushes = 300;
        string Message(int i) => $"r{i}:" + new string('é', Math.Max(0, (length - 6) / 2)) + (length > 6 ? "\n" : string.Empty);
        long recordBytes = 0;
        for (var i = 0; i < Flushes; i++)
        {
            recordBytes += System.Text.Encoding.UTF8.GetByteCount(Message(i));
            Assert.True(segments.TryAppend(new LogRecord(DateTimeOffset.UnixEpoch.AddSeconds(i), LogLevel.Information, "c", Message(i)), ticket: i));
            Assert.NotNull(segments.AddBarrier(barriers));
        }

        // The writer gets going again: every record once, in order, whole, each with its timestamp, a barrier behind each.
        var held = 0L;
        var records = new List<string>();
        var barriersSeen = 0;
        while (channel.Reader.TryRead(out var item))
        {
            if (ReferenceEquals(item, FlushBarriers.Marker))
            {
                barriersSeen++;
                Assert.Equal(barriersSeen, records.Count);
                continue;
            }

            var segment = (RenderedSegment)item;
            held += segment.RetainedBytes;
            for (var r = 0; r < segment.Count; r++)
            {
                Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(records.Count), segment.Timestamp(r));
                records.Add(System.Text.Encoding.UTF8.GetString(segment.Record(r)));
            }

            segments.Return(segment);
        }

        Assert.Equal(Enumerable.Range(0, Flushes).Select(Message), records);
        Assert.Equal(Flushes, barriersSeen);
        var bound = recordBytes <= (long)Flushes * RenderedSegment.CompactBytes ? recordBytes + (Flushes * 64L) : recordBytes * 27 / 10;
        Assert.True(held <= bound, $"the stuck queue held {held:N0} bytes for {Flushes} records of {recordBytes:N0} bytes in all");
    }

    [Fact]
    public void ABacklogOfWholeSegments_OnceWritten_IsNotKeptForReuse()
    {
        // A stuck writer's backlog of whole segments (records over half a segment, a flush after each): once the writer
        // has written and given them back, the pool keeps MaxFree of them and the garbage collector gets the others.
        var channel = System.Threading.Channels.Channel.CreateUnbounded<object>();
        var segments = new RenderedSegments(channel.Writer, new MessageBytes(), lanes: 1);
        var barriers = new FlushBarriers();
        var large = new string('z', RenderedSegment.CompactBytes + 100);
        const int Flushes = 200;
        for (var i = 0; i < Flushes; i++)
        {
            Assert.True(segments.TryAppend(new LogRecord(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", large), ticket: 0));
            Assert.NotNull(segments.AddBarrier(barriers));
        }

        var given = ReturnAll(channel.Reader, segments);

        Assert.Equal(Flushes, given.Count);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.InRange(given.Count(g => g.IsAlive), 1, RenderedSegments.MaxFree);
    }

    // In a method of its own so that no local of the test's frame keeps a segment alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<WeakReference> ReturnAll(System.Threading.Channels.ChannelReader<object> reader, RenderedSegments segments)
    {
        var given = new List<WeakReference>();
        while (reader.TryRead(out var item))
        {
            if (item is RenderedSegment segment)
            {
                Assert.False(segment.IsCompact);
                given.Add(new WeakReference(segment));
                segments.Return(segment);
            }
        }

        return given;
    }

    [Fact]
    public async Task ARecordLargerThanASegment_IsWrittenWhole_BetweenItsNeighbours()
    {
        var path = _folder.File("app.log");
        var big = new string('x', RenderedSegment.Bytes * 3 + 17);
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{message}", Enqueue = true } },
        }))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 3; i++)
            {
                logger.LogInformation("before {I}", i);
                logger.LogInformation("{Big}", big);
                logger.LogInformation("after {I}", i);
            }

            await provider.FlushAsync(CancellationToken.None);
            Assert.Equal(9, ReadLines(path).Length);
        }

        string[] expected = [.. Enumerable.Range(0, 3).SelectMany(i => new[] { $"before {i}", big, $"after {i}" })];
        Assert.Equal(expected, ReadLines(path));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(RenderedSegment.MaxRecords + 1)]
    public async Task FourThreads_ManySegments_EveryRecordOnceAndEachThreadsInOrder(int capacity)
    {
        var path = _folder.File("app.log");
        var name = $"seg-{Guid.NewGuid():N}";
        const int Each = 6_000;
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Name = name, Format = "{message}", Enqueue = true, QueueCapacity = capacity } },
        });
        var logger = provider.CreateLogger("c");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < Each; i++)
                {
                    logger.LogInformation("{T} {I}", t, i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
        await provider.DisposeAsync();

        var lines = ReadLines(path).Select(l => l.Split(' ')).Select(p => (T: int.Parse(p[0], CultureInfo.InvariantCulture), I: int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(4 * Each, lines.Count);
        foreach (var thread in lines.GroupBy(l => l.T))
        {
            Assert.Equal(Enumerable.Range(0, Each), thread.Select(l => l.I));
        }

        Assert.Equal(4 * Each, _meter.Read("logustyle.records.written", name));
    }

    [Theory]
    [InlineData(QueueFullMode.Wait)]
    [InlineData(QueueFullMode.DropWrite)]
    public async Task Dispose_WhileFourThreadsLog_TheFileHoldsWhatTheMeterCountsWritten_AndEveryCallIsCountedOnce(QueueFullMode mode)
    {
        var path = _folder.File("app.log");
        var name = $"seg-{Guid.NewGuid():N}";
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks = { new FileSinkOptions(path) { Name = name, Format = "{message}", Enqueue = true, QueueCapacity = 64, QueueFullMode = mode } },
            },
            TimeProvider.System,
            TextWriter.Null);
        var logger = provider.CreateLogger("c");
        var calls = new long[4];
        using var started = new CountdownEvent(4);
        var stop = false;
        var threads = Enumerable.Range(0, 4).Select(t => Task.Factory.StartNew(
            () =>
            {
                started.Signal();
                while (!Volatile.Read(ref stop))
                {
                    logger.LogInformation("{T} {I}", t, calls[t]);
                    calls[t]++;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        Assert.True(started.Wait(Deadline));
        Assert.True(SpinWait.SpinUntil(() => calls.Sum() > 20_000, Deadline));
        await provider.DisposeAsync();
        Volatile.Write(ref stop, true);
        await Task.WhenAll(threads);

        var written = _meter.Read("logustyle.records.written", name);
        var counted = written + _meter.Read("logustyle.records.dropped", name) + _meter.Read("logustyle.sink.errors", name);
        Assert.Equal(calls.Sum(), counted);
        // DropWrite's in-band drop reports are lines of the sink's own, not written records.
        var lines = ReadLines(path).Where(l => char.IsAsciiDigit(l[0])).ToArray();
        Assert.Equal(written, lines.Length);
        Assert.Equal(lines.Length, lines.Distinct().Count());
        foreach (var thread in lines.Select(l => l.Split(' ')).GroupBy(p => p[0]))
        {
            var indexes = thread.Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(indexes.Order(), indexes);
        }
    }

    /// <summary>Formats a record as its message's bytes, for the pool's test.</summary>
    private sealed class MessageBytes : LoguStyle.Sinks.IFormatsAhead
    {
        public void Render(LogRecord record, LoguStyle.Formatting.Utf8Buffer buffer) => buffer.Write(System.Text.Encoding.UTF8.GetBytes(record.Message));

        public void AppendRendered(ReadOnlySpan<byte> rendered, DateTimeOffset timestamp, CancellationToken cancellationToken)
        {
        }
    }

    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
