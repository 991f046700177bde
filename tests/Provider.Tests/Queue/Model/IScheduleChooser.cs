namespace LoguStyle.Tests.Queue.Model;

/// <summary>Chooses the moves of one schedule for a <see cref="StepScheduler"/>.</summary>
internal interface IScheduleChooser
{
    /// <summary>
    /// The index into <paramref name="options"/> of the move to make as the <paramref name="depth"/>-th of the schedule,
    /// or null to cut the schedule short here (every thread is then unwound and nothing is checked at its end).
    /// </summary>
    int? Choose(StepScheduler scheduler, int depth, IReadOnlyList<ScheduleOption> options);
}
