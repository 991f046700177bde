using LoguStyle.Queue;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// The real <see cref="QueuedSink"/> (with its <see cref="RoomGate"/>, <see cref="FlushBarriers"/> and
/// <see cref="QueueCounters"/>) run under a controlled scheduler: real threads, one at a time, switching at the steps
/// of <see cref="QueueSteps"/>; every schedule with at most two preemptions, up to a budget (see <see cref="QueueScenario"/>
/// for what is checked).
/// </summary>
public class QueuedSinkScheduleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(QueueFullMode.Wait, 2, 2, false)]
    [InlineData(QueueFullMode.Wait, 3, 1, true)]
    [InlineData(QueueFullMode.DropWrite, 2, 2, true)]
    [InlineData(QueueFullMode.DropWrite, 3, 1, false)]
    [InlineData(QueueFullMode.DropOldest, 2, 2, false)]
    [InlineData(QueueFullMode.DropOldest, 3, 1, true)]
    public void EverySchedule_KeepsEveryInvariant(QueueFullMode mode, int producers, int recordsEach, bool giveUp)
    {
        var scenario = new QueueScenario { Mode = mode, Producers = producers, RecordsEach = recordsEach, GiveUp = giveUp };

        // Depth first alone would spend the budget on the last steps of one long schedule: first every schedule with at
        // most one preemption, then two, each with its own share of the budget.
        foreach (var preemptions in new[] { 1, 2 })
        {
            var (schedules, exhausted, violation) = ScheduleExplorer.Explore(scenario.Run, preemptions, maxSchedules: 1_000);

            output.WriteLine($"{mode}, {producers} producers x {recordsEach}, give-up {giveUp}, at most {preemptions} preemption(s): {schedules} schedules, bound exhausted: {exhausted}");
            Assert.True(violation is null, violation);
        }
    }
}
