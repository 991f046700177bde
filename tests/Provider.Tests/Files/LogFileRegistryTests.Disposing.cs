using LoguStyle.Files;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Files;

/// <summary>A provider built on a file while the provider writing it is being disposed waits for the close (issue 15).</summary>
public sealed partial class LogFileRegistryTests
{
    /// <summary>
    /// The first provider's dispose has begun (its loggers point at the stand-ins) while its file is still held open: its
    /// writer (or, direct, a logging call) is stopped inside the 51st record by a rotation predicate, so the dispose cannot
    /// have reached the file's close. A second provider built on the same path then must wait until the first has written
    /// and closed the file, not be refused as a second writer, and must not wait for the rest of the first's dispose (a
    /// slow sink beside the file).
    /// </summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task ProviderBuiltWhileAnotherOnTheFileIsBeingDisposed_WaitsForTheClose_EveryLineOnce(bool enqueued, bool slowSinkBeside)
    {
        // Before: the registry marked the file closing only when the disposing provider released its last lease, after
        // its queue had drained; a provider built in between was refused ("... which sink 'first' of another LoguStyle
        // provider in this process already writes ...": an outside tester, 8-16 of 100 rounds, enqueued).
        var path = _folder.File("app.log");
        using var holding = new ManualResetEventSlim();
        using var letGo = new ManualResetEventSlim();
        using var slowRelease = new ManualResetEventSlim();
        var judged = 0;
        var options = new LoguStyleLoggerOptions
        {
            DisposeTimeout = Deadline,
            Sinks =
            {
                new FileSinkOptions(path, "first")
                {
                    Format = "{message}",
                    Enqueue = enqueued,

                    // Judged before every record but the file's first: the 50th call is the record "first 50".
                    Rotation = Rotation.When(_ =>
                    {
                        if (Interlocked.Increment(ref judged) == 50)
                        {
                            holding.Set();
                            letGo.Wait();
                        }

                        return false;
                    }),
                },
            },
        };
        if (slowSinkBeside)
        {
            options.Sinks.Add(new DelegateSinkOptions("slow", _ => slowRelease.Wait()) { Enqueue = true });
        }

        var first = new LoguStyleLoggerProvider(options);
        var logger = first.CreateLogger("c");

        // Enqueued: 100 records queued, the writer held at "first 50". Direct: 50 written, the caller of "first 50" held
        // (its later calls would go to the disposing provider's stand-ins, so it makes no more).
        var firstCount = enqueued ? 100 : 51;
        Task caller = Task.CompletedTask;
        for (var i = 0; i < (enqueued ? 100 : 50); i++)
        {
            logger.LogInformation("first {Index}", i);
        }

        if (!enqueued)
        {
            caller = Task.Factory.StartNew(() => logger.LogInformation("first {Index}", 50), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Assert.True(holding.Wait(Deadline), "the first provider's file was never held");
        var disposing = Task.Run(() => first.DisposeAsync().AsTask());
        Assert.True(SpinWait.SpinUntil(() => first.CurrentSinks.All(sink => sink is ClosingSink) || disposing.IsCompleted, Deadline), "the dispose never began");

        var second = Task.Factory.StartNew(
            () =>
            {
                using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path, "second") { Format = "{message}" } } });
                var secondLogger = provider.CreateLogger("c");
                for (var i = 0; i < 100; i++)
                {
                    secondLogger.LogInformation("second {Index}", i);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(SpinWait.SpinUntil(() => LogFileRegistry.Waiting > 0 || second.IsCompleted, Deadline), "the second provider neither waited nor ended");
        if (second.IsFaulted)
        {
            letGo.Set();
            slowRelease.Set();
            await disposing.WaitAsync(Deadline);
            await second;
        }

        Assert.False(second.IsCompleted, "the second provider wrote while the first still held the file");

        letGo.Set();
        await caller.WaitAsync(Deadline);
        await second.WaitAsync(Deadline);
        if (slowSinkBeside)
        {
            // The second waited for the file's close, not for the whole dispose, which the slow sink still holds.
            Assert.False(disposing.IsCompleted, "the first provider's dispose ended before its slow sink was released (the test proves nothing)");
            slowRelease.Set();
        }

        await disposing.WaitAsync(Deadline);
        Assert.Equal(
            [.. Enumerable.Range(0, firstCount).Select(i => $"first {i}"), .. Enumerable.Range(0, 100).Select(i => $"second {i}")],
            File.ReadAllLines(path));
    }
}
