namespace LoguStyle.Tests.Queue.Model;

/// <summary>Follows a given prefix of choices (indices into each decision's options), then the first option each time.</summary>
internal sealed class PrefixChooser(IReadOnlyList<int> prefix) : IScheduleChooser
{
    public int? Choose(StepScheduler scheduler, int depth, IReadOnlyList<ScheduleOption> options)
    {
        var chosen = depth < prefix.Count ? prefix[depth] : 0;
        if (chosen >= options.Count)
        {
            throw new InvalidOperationException($"the schedule did not replay: choice {depth} has {options.Count} options");
        }

        return chosen;
    }
}
