using System.Globalization;
using LoguStyle.Queue;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The real <see cref="QueuedSink"/> under the controlled scheduler (<see cref="QueueScenario"/>, <see cref="StateExplorer"/>)
/// in every mode at capacity 2, for 2 callers x 2 records and 3 callers x 1 record, with and without a flush, with a
/// dispose after the calls, at any step, or at any step and free to give up on a stuck sink. Each search has a budget of
/// states, prints what it explored and whether it ran out of states, and fails on a violation; where the budget reaches
/// the end, the test asserts it does (the counts are the same on every run: see <see cref="TheSearch_IsRepeatable"/>).
/// </summary>
public class QueueProtocolSearchTests(ITestOutputHelper output)
{
    // LOGUSTYLE_MODEL_STATES: the budget of states of each search (1,000 in the suite), or "all": no budget, and each
    // search must run out of states (docs/reliability.md gives the command and what it found). LOGUSTYLE_MODEL_PROGRESS:
    // a file each search appends its counts to every 20,000 states (a search of millions of states takes hours).
    private static readonly string? Setting = Environment.GetEnvironmentVariable("LOGUSTYLE_MODEL_STATES");
    private static readonly bool Exhaust = Setting == "all";
    private static readonly int Budget = Exhaust ? int.MaxValue : int.TryParse(Setting, CultureInfo.InvariantCulture, out var n) ? n : 1_000;
    private const int HandOverBudget = 10_000;
    private static readonly string? ProgressFile = Environment.GetEnvironmentVariable("LOGUSTYLE_MODEL_PROGRESS");

    public static TheoryData<QueueFullMode, int, int, bool, string> Configurations()
    {
        var data = new TheoryData<QueueFullMode, int, int, bool, string>();
        foreach (var mode in new[] { QueueFullMode.Wait, QueueFullMode.DropWrite, QueueFullMode.DropOldest })
        {
            foreach (var (producers, each) in new[] { (2, 2), (3, 1) })
            {
                foreach (var flusher in new[] { false, true })
                {
                    foreach (var dispose in new[] { "after-calls", "any-step", "gives-up" })
                    {
                        data.Add(mode, producers, each, flusher, dispose);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void EveryState_CapacityTwo_KeepsEveryInvariant(QueueFullMode mode, int producers, int recordsEach, bool flusher, string dispose)
    {
        var scenario = new QueueScenario
        {
            Mode = mode, Producers = producers, RecordsEach = recordsEach, Capacity = 2, Flusher = flusher,
            DisposeAfterCalls = dispose == "after-calls", GiveUp = dispose == "gives-up",
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var name = string.Create(CultureInfo.InvariantCulture, $"{mode}, {producers} x {recordsEach}, capacity 2, flush {flusher}, dispose {dispose}");
        var explorer = new StateExplorer { Progress = ProgressFile is null ? null : (states, schedules) => File.AppendAllText(ProgressFile, string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {name}: {states} states in {schedules} schedules, {clock.Elapsed.TotalSeconds:F0} s\n")) };

        var (schedules, states, exhausted, violation) = explorer.Explore(c => scenario.Run(c), int.MaxValue, Budget);

        var line = string.Create(CultureInfo.InvariantCulture, $"{name}: {states} states in {schedules} schedules, exhausted: {exhausted} (budget {(Exhaust ? "all" : Budget)} states), violation: {violation is not null}, {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(line);
        if (ProgressFile is not null)
        {
            File.AppendAllText(ProgressFile, $"{DateTime.UtcNow:HH:mm:ss} {line}\n");
        }

        Assert.True(violation is null, violation);
        Assert.True(exhausted || !Exhaust, $"not exhausted after {states} states");
    }

    [Theory]
    [InlineData(QueueFullMode.Wait, 3, 1)]
    [InlineData(QueueFullMode.DropWrite, 2, 2)]
    [InlineData(QueueFullMode.DropOldest, 2, 2)]
    public void EveryState_ASinkThatLogsWhileItWrites_NeverWaitsForItsOwnWriter(QueueFullMode mode, int producers, int recordsEach)
    {
        // A re-entrant sink: while it writes producer 0's and producer 1's first records it logs a record of its own into
        // its own queue, from the writer's thread. Queued when there is room, else dropped and counted; never a wait for
        // the writer it runs on (that would leave a state where nothing can move), and the end checks hold for its records.
        var scenario = new QueueScenario
        {
            Mode = mode, Producers = producers, RecordsEach = recordsEach, Capacity = 2, Flusher = true,
            LogFromSinkFor = new HashSet<int> { 0, 1 },
        };

        var (schedules, states, exhausted, violation) = new StateExplorer().Explore(c => scenario.Run(c), int.MaxValue, Budget);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}, {producers} x {recordsEach}, capacity 2, a sink that logs: {states} states in {schedules} schedules, exhausted: {exhausted} (budget {Budget} states)"));
        Assert.True(violation is null, violation);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryState_ASinkStalledInEveryWrite_DropOldestCallersNeverSpinForIt(int recordsEach)
    {
        // A sink that stalls in every write, the in-band drop report included (a hung network), capacity 1: the writer
        // must hold no record out of the channel and uncounted while it is in the sink, or a DropOldest caller finds the
        // counts full and the channel empty and spins for as long as the sink stalls (the search's loop check: a caller that goes round a loop for ever; fix15j).
        var scenario = new QueueScenario
        {
            Mode = QueueFullMode.DropOldest, Producers = 2, RecordsEach = recordsEach, Capacity = 1, Flusher = false, SinkStallsFrom = 1,
        };

        var (schedules, states, exhausted, violation) = new StateExplorer().Explore(c => scenario.Run(c), int.MaxValue, Budget);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DropOldest, 2 x {recordsEach}, capacity 1, a sink stalled in every write: {states} states in {schedules} schedules, exhausted: {exhausted} (budget {Budget} states)"));
        Assert.True(violation is null, violation);
    }

    [Theory]
    [InlineData(QueueFullMode.DropOldest)]
    [InlineData(QueueFullMode.DropWrite)]
    public void EveryState_AReloadHandsTheOutputOver_NothingReachesItBeforeTheOldQueueEnded_NoCallerSpins(QueueFullMode mode)
    {
        // A reload's StartAfter may land after the writer's first look at it (the writer starts in the constructor). The
        // writer must then still wait for the old queue before its first record and before its first drop report (both
        // reach the shared output), and must not wait holding a record it read but did not count: a DropOldest caller
        // would find the counts full and the channel empty, and spin until the old queue ends (issue 15, review16 #6).
        var scenario = new QueueScenario
        {
            Mode = mode, Producers = 2, RecordsEach = 1, Capacity = 1, Flusher = false, DisposeAfterCalls = true, HandOver = true,
        };

        // The writer's first moves are the last the search varies: the window takes a few thousand states to reach, and
        // the whole search ends within this budget.
        var budget = Math.Max(Budget, HandOverBudget);
        var (schedules, states, exhausted, violation) = new StateExplorer().Explore(c => scenario.Run(c), int.MaxValue, budget);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}, 2 x 1, capacity 1, a reload's late hand-over: {states} states in {schedules} schedules, exhausted: {exhausted} (budget {budget} states)"));
        Assert.True(violation is null, violation);
        Assert.True(exhausted, $"not exhausted after {states} states");
    }

    [Fact]
    public void TheSearch_IsRepeatable()
    {
        // Nothing of the search depends on hash order, thread timing or a clock: the same configuration explores the same
        // states in the same order, so a count printed once is the count of every run (the writer's task, which ends
        // outside the schedule, is left out of the state; the code's place is hashed without the process's string hashes).
        var scenario = new QueueScenario { Mode = QueueFullMode.Wait, Producers = 3, RecordsEach = 1, Capacity = 2, Flusher = true };
        var ends = new List<string>();
        var first = new StateExplorer().Explore(c => scenario.Run(c), int.MaxValue, 1_500);
        var second = new StateExplorer().Explore(c => scenario.Run(c), int.MaxValue, 1_500);

        output.WriteLine($"twice: {first.States} states in {first.Schedules} schedules, then {second.States} in {second.Schedules}");
        Assert.Null(first.Violation);
        Assert.Equal((first.Schedules, first.States), (second.Schedules, second.States));
    }
}
