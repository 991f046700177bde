using LoguStyle.Queue;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// A queue's close of its inner sink against its writer's calls into it (issue 15, an outside tester's defect A: a file
/// sink's writer failed with "Cannot access a disposed object ... RotatingFile" when dispose gave up and closed the file
/// while the writer was still writing a record it had taken).
/// </summary>
public sealed class InnerSinkUseTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();
    private readonly StringWriter _errors = new();

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void TryClaim_WriterBetweenCalls_TheCloserClosesAndTheWriterMakesNoMoreCalls()
    {
        var use = new InnerSinkUse();
        Assert.True(use.TryEnter());
        Assert.False(use.Leave());

        Assert.True(use.TryClaim());
        Assert.False(use.TryEnter());
        Assert.False(use.TryClaim());

        // A writer that ends after leaving (the queue's last look) changes nothing and closes nothing.
        Assert.False(use.Leave());
    }

    [Fact]
    public void TryClaim_WriterInsideACall_HandsTheCloseToTheWriterWhenItLeaves()
    {
        var use = new InnerSinkUse();
        Assert.True(use.TryEnter());

        Assert.False(use.TryClaim());
        Assert.False(use.Done.IsCompleted);
        Assert.True(use.Leave());
        use.SetClosed();

        Assert.True(use.Done.IsCompleted);
        Assert.False(use.TryEnter());
        Assert.False(use.TryClaim());
    }

    [Fact]
    public async Task Claim_RacingTheWritersCalls_ExactlyOneSideClosesEachTime()
    {
        for (var round = 0; round < 2_000; round++)
        {
            var use = new InnerSinkUse();
            var closes = 0;
            var calls = 0;
            var afterClose = 0;
            var closed = 0;
            using var start = new Barrier(2);
            var writer = Task.Run(() =>
            {
                start.SignalAndWait();
                while (use.TryEnter())
                {
                    if (Volatile.Read(ref closed) != 0)
                    {
                        Interlocked.Increment(ref afterClose);
                    }

                    calls++;
                    if (use.Leave())
                    {
                        Volatile.Write(ref closed, 1);
                        Interlocked.Increment(ref closes);
                        return;
                    }
                }
            });
            start.SignalAndWait();
            if (use.TryClaim())
            {
                Volatile.Write(ref closed, 1);
                Interlocked.Increment(ref closes);
            }

            await writer.WaitAsync(Deadline);
            Assert.Equal((1, 0), (closes, afterClose));
        }
    }

#if DEBUG
    [Fact]
    public async Task GiveUp_WhileAFileSinksWriterIsInARecord_DisposeClosesTheFileAfterThatWrite_TheRecordIsInTheFile()
    {
        var (provider, queue, path, name) = HeldFileSink(out var atWrite, out var go);
        queue.BeforeInnerWrite = Once(() =>
        {
            atWrite.Set();

            // Held until dispose gave up (it counts the 5 queued records as dropped), then the write goes on.
            SpinWait.SpinUntil(() => queue.Counters.Dropped >= 5, Deadline);
        });
        LogR0AndFiveMore(provider, atWrite);

        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);

        Assert.Equal(["r0"], File.ReadAllLines(path));
        AssertCounted(name, written: 1, dropped: 5);
        go.Dispose();
        atWrite.Dispose();
    }

    [Fact]
    public async Task GiveUp_WhileAFileSinksWriterIsHeldPastTheGrace_TheWriterWritesItsRecordThenClosesTheFile_NoError()
    {
        // Before: dispose closed the file under the held writer, whose write then failed: the record was counted as the
        // sink's error and stderr said "Cannot access a disposed object. Object name: 'LoguStyle.Files.RotatingFile'".
        var (provider, queue, path, name) = HeldFileSink(out var atWrite, out var go);
        queue.BeforeInnerWrite = Once(() =>
        {
            atWrite.Set();
            go.Wait(Deadline);
        });
        LogR0AndFiveMore(provider, atWrite);

        // The bound configuration.md gives: DisposeTimeout (0.2 s here), then up to CloseGrace (1 s) for the write the
        // writer is inside; the upper end leaves a loaded machine 1.5 s.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await provider.DisposeAsync().AsTask().WaitAsync(Deadline);
        var took = clock.Elapsed;
        go.Set();
        await queue.Writer.WaitAsync(Deadline);

        Assert.InRange(took, TimeSpan.FromSeconds(1.15), TimeSpan.FromSeconds(2.7));

        Assert.Equal(["r0"], File.ReadAllLines(path));
        AssertCounted(name, written: 1, dropped: 5);
        Assert.Contains($"sink '{name}' was still writing a record 1 s after its queue gave up; it is closed when that write returns.", _errors.ToString(), StringComparison.Ordinal);
        go.Dispose();
        atWrite.Dispose();
    }

    private static Action Once(Action action)
    {
        var first = 1;
        return () =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                action();
            }
        };
    }

    /// <summary>An enqueued file sink whose dispose gives up after 200 ms.</summary>
    private (LoguStyleLoggerProvider Provider, QueuedSink Queue, string Path, string Name) HeldFileSink(out ManualResetEventSlim atWrite, out ManualResetEventSlim go)
    {
        var path = _folder.File("app.log");
        var name = "file-" + Guid.NewGuid().ToString("N");
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                DisposeTimeout = TimeSpan.FromMilliseconds(200),
                Sinks = { new FileSinkOptions(path, name) { Format = "{message}", Enqueue = true, QueueCapacity = 100 } },
            },
            TimeProvider.System,
            TextWriter.Synchronized(_errors));
        atWrite = new ManualResetEventSlim();
        go = new ManualResetEventSlim();
        return (provider, (QueuedSink)provider.CurrentSinks.Single(), path, name);
    }

    /// <summary>r0 in the writer's hands, held by the hook, and five more queued behind it.</summary>
    private static void LogR0AndFiveMore(LoguStyleLoggerProvider provider, ManualResetEventSlim atWrite)
    {
        var logger = provider.CreateLogger("c");
        logger.LogInformation("r0");
        Assert.True(atWrite.Wait(Deadline));
        for (var i = 1; i <= 5; i++)
        {
            logger.LogInformation("q{I}", i);
        }
    }

    private void AssertCounted(string name, long written, long dropped)
    {
        Assert.DoesNotContain("disposed object", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            (written, dropped, 0L),
            (_meter.Read("logustyle.records.written", name), _meter.Read("logustyle.records.dropped", name), _meter.Read("logustyle.sink.errors", name)));
    }
#endif
}
