using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// <c>SinkSet.WatchCallsInside</c> and <c>CallsStillInside</c>, the exit drain's count of logging calls stuck in a direct sink, while many threads
/// log steadily into a healthy one (review16 #7): a stripe of the set's counts is shared by every thread whose id maps
/// to it, and with eight busy threads on each it hardly ever reads 0.
/// </summary>
public class SinkSetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CallsStayingInside_ManyThreadsLogSteadily_OnlyTheStuckCallIsReported_AndOnlyItHoldsTheExit(bool oneStuck)
    {
        using var stuck = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var errors = new StringWriter();
        using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    // Two sinks, as a delegate sink writes one record at a time: the steady calls must not queue behind
                    // the stuck one (then they would be stuck too).
                    new DelegateSinkOptions("healthy", _ => { }) { Predicate = record => record.Message != "stuck" },
                    new DelegateSinkOptions("stuck", _ =>
                    {
                        stuck.Set();
                        release.Wait(Deadline);
                    })
                    { Predicate = record => record.Message == "stuck" },
                },
            },
            TimeProvider.System,
            errors);
        var logger = provider.CreateLogger("c");

        // As many stripes as the set has (twice the processors, a power of two), eight steady threads on each.
        var threads = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, Environment.ProcessorCount * 2)) * 8;
        var calls = new long[threads];
        var stop = false;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                logger.LogInformation("steady {N}", t);
                Interlocked.Increment(ref calls[t]);
            }
        })
        { IsBackground = true }).ToArray();
        var stuckCaller = new Thread(() => logger.LogInformation("stuck")) { IsBackground = true };
        TimeSpan took;
        try
        {
            foreach (var worker in workers)
            {
                worker.Start();
            }

            Assert.True(SpinWait.SpinUntil(() => calls.All(c => Interlocked.Read(ref c) >= 100), Deadline), "the logging threads did not all start");
            if (oneStuck)
            {
                stuckCaller.Start();
                Assert.True(stuck.Wait(Deadline));
            }

            var clock = Stopwatch.StartNew();
            provider.ReportCallsStillWriting(provider.WatchCallsInside(), "exiting", Wait, Wait);
            took = clock.Elapsed;
        }
        finally
        {
            Volatile.Write(ref stop, true);
            release.Set();
            foreach (var worker in workers)
            {
                Assert.True(worker.Join(Deadline));
            }
        }

        output.WriteLine($"{threads} threads, one stuck: {oneStuck}, the exit's wait took {took.TotalSeconds:0.000} s; stderr: {errors}");
        if (oneStuck)
        {
            Assert.True(took >= Wait, $"the exit let the stuck call go after {took.TotalSeconds:0.000} s");
            Assert.Contains("; 1 logging call(s) were still writing to the sinks after 2 s", errors.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("still writing", errors.ToString(), StringComparison.Ordinal);
            Assert.True(took < Wait * 0.75, $"the exit waited {took.TotalSeconds:0.000} s for calls that were not stuck");
        }
    }
}
