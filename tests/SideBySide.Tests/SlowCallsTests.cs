using System.Diagnostics;
using LoguStyle.SideBySide.Latency;
using LoguStyle.SideBySide.SlowCalls;

namespace LoguStyle.SideBySide.Tests;

/// <summary>The slowcalls tool: the calls it notes on the paced threads, their file, and what it says each met in perf's events.</summary>
public sealed class SlowCallsTests
{
    // Every call of a 30 µs spin is over a 20 µs threshold: each is noted once, on the paced thread's own kernel id (the
    // one perf names it by), between the run's start and end on the clock perf stamps its events with.
    [Fact]
    public void Watch_NotesEveryCallOverTheThreshold_WithItsThreadsKernelId_OnTheMonotonicClock()
    {
        var calls = new SlowCallList(10_000);
        var before = Stopwatch.GetTimestamp();

        var load = PacedLoad.Run(new BusyCall(30_000), ratePerSecond: 2_000, TimeSpan.FromMilliseconds(300), new SlowCallWatch(calls, thresholdNs: 20_000));

        var after = Stopwatch.GetTimestamp();
        Assert.Equal(load.Calls, calls.Seen);
        var threads = calls.Calls.Select(c => c.ThreadId).Distinct().ToList();
        Assert.Equal(PacedLoad.Threads, threads.Count);
        Assert.All(threads, t => Assert.True(t > 0 && t != Environment.ProcessId, $"thread id {t}: not a thread of its own"));
        Assert.All(calls.Calls, c =>
        {
            Assert.InRange(c.Ns, 30_000, after - before);
            Assert.InRange(c.StartNs, before, after);
        });
    }

    // A call shorter than the threshold is not noted; a call that collects garbage is noted with its collection.
    [Fact]
    public void Watch_LeavesOutCallsUnderTheThreshold_AndCountsACollectionDuringACall()
    {
        var quick = new SlowCallList(10_000);
        PacedLoad.Run(new BusyCall(1_000), ratePerSecond: 2_000, TimeSpan.FromMilliseconds(200), new SlowCallWatch(quick, thresholdNs: 10_000_000));
        var collecting = new SlowCallList(10_000);
        PacedLoad.Run(new CollectingCall(), ratePerSecond: 400, TimeSpan.FromMilliseconds(200), new SlowCallWatch(collecting, thresholdNs: 0));

        Assert.Equal(0, quick.Seen);
        Assert.NotEmpty(collecting.Calls);
        Assert.All(collecting.Calls, c => Assert.True(c.Collections >= 1, $"a call that collected was noted with {c.Collections} collections"));
    }

    [Fact]
    public void List_WrittenAndReadBack_IsTheSameCalls()
    {
        var list = new SlowCallList(3);
        list.Add(new SlowCall(51_022_553_686_811, 23_900, 11_701, 0, AfterSleep: true));
        list.Add(new SlowCall(51_022_600_000_000, 408_900, 11_702, 1, AfterSleep: false));
        var path = Path.Combine(Path.GetTempPath(), $"slowcalls-{Guid.NewGuid():N}.tsv");
        try
        {
            list.Write(path);

            Assert.Equal(list.Calls, SlowCallList.Read(path));
            Assert.Equal("start_ns\tns\ttid\tcollections\tafter_sleep", File.ReadLines(path).First());
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The causes are tried in SlowCallCause's order, not in the order of the events (call 3 meets the timer before its
    // page fault, and is a page fault). Lines as `perf script --ns -F tid,cpu,time,event,trace` prints them. Thread 100 runs on core 0 from t = 1 s,
    // thread 200 on core 1; each call below starts 1 ms later than the one before and lasts 50 µs.
    [Fact]
    public void Causes_EachCallIsPutWithTheFirstCauseThatFitsIt_InTheTablesOrder()
    {
        string[] lines =
        [
            "    0 [000] 1.000000000:                     sched:sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=.NET Thread pool next_pid=100 next_prio=120",
            "    0 [001] 1.000000000:                     sched:sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=x next_pid=200 next_prio=120",
            "perf: a warning line, not an event",

            // Call 1 (1.001 s, thread 100): preempted by thread 300, back 30 µs later.
            "  300 [000] 1.001010000:                     sched:sched_wakeup: comm=y pid=300 prio=120 target_cpu=000",
            "  100 [000] 1.001011000:                     sched:sched_switch: prev_comm=.NET Long Running Task prev_pid=100 prev_prio=120 prev_state=R ==> next_comm=y next_pid=300 next_prio=120",
            "  300 [000] 1.001040000:                     sched:sched_switch: prev_comm=y prev_pid=300 prev_prio=120 prev_state=S ==> next_comm=z next_pid=100 next_prio=120",

            // Call 2 (1.002 s, thread 100): blocked on a futex.
            "  100 [000] 1.002005000:                     sched:sched_switch: prev_comm=z prev_pid=100 prev_prio=120 prev_state=S ==> next_comm=swapper/0 next_pid=0 next_prio=120",
            "    0 [000] 1.002030000:                     sched:sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=z next_pid=100 next_prio=120",

            // Call 3 (1.003 s, thread 100): the local timer, then a page fault of its own.
            "  100 [000] 1.003010000:          irq_vectors:local_timer_entry: vector=236",
            "  100 [000] 1.003020000:             exceptions:page_fault_user: address=0x7f9a400e5000 ip=0x555726ff952d error_code=0x6",

            // Call 4 (1.004 s, thread 100): the local timer only; a page fault of thread 200 on the other core does not count.
            "  100 [000] 1.004010000:          irq_vectors:local_timer_entry: vector=236",
            "  200 [001] 1.004020000:             exceptions:page_fault_user: address=0x7f9a400e6000 ip=0x555726ff952d error_code=0x6",

            // Call 5 (1.005 s, thread 100): a wake-up it sent.
            "  100 [000] 1.005010000:                     sched:sched_wakeup: comm=w pid=400 prio=120 target_cpu=001",

            // Call 6 (1.006 s, thread 100): nothing on core 0; a timer on core 1 does not count. Just after it ends, a softirq.
            "  200 [001] 1.006010000:          irq_vectors:local_timer_entry: vector=236",
            "  100 [000] 1.006050001:                      irq:softirq_entry: vec=7 [action=SCHED]",
        ];
        var trace = KernelTrace.Parse(lines);
        SlowCall Call(int n, int thread = 100, int collections = 0) => new(1_000_000_000 + (n * 1_000_000), 50_000, thread, collections, AfterSleep: false);

        Assert.Equal(14, trace.Count);
        Assert.Equal(SlowCallCause.Preempted, SlowCallCauses.Of(Call(1), trace));
        Assert.Equal(SlowCallCause.Blocked, SlowCallCauses.Of(Call(2), trace));
        Assert.Equal(SlowCallCause.PageFault, SlowCallCauses.Of(Call(3), trace));
        Assert.Equal(SlowCallCause.Interrupt, SlowCallCauses.Of(Call(4), trace));
        Assert.Equal(SlowCallCause.OtherEvent, SlowCallCauses.Of(Call(5), trace));
        Assert.Equal(SlowCallCause.NoEvent, SlowCallCauses.Of(Call(6), trace));
        Assert.Equal(SlowCallCause.Collection, SlowCallCauses.Of(Call(3, collections: 1), trace));
        Assert.Equal(SlowCallCause.CoreNotKnown, SlowCallCauses.Of(Call(3, thread: 999), trace));

        var table = SlowCallCauses.Table([Call(1), Call(4), Call(6), Call(6)], trace);
        Assert.Contains("4 calls noted, 14 kernel events", table, StringComparison.Ordinal);
        Assert.Contains("| no kernel event on its core | 2 | 50.0 % | 50.0 µs |", table, StringComparison.Ordinal);
        Assert.Contains("| an interrupt or softirq on its core | 1 | 25.0 % | 50.0 µs |", table, StringComparison.Ordinal);
    }

    private readonly struct CollectingCall : IPacedCall
    {
        public void Call(int k) => GC.Collect(0);
    }
}
